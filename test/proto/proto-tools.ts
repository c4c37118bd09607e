/** Loading the generated .proto into protobufjs (with google/protobuf/descriptor.proto for the custom options). */
import { createRequire } from "node:module";
import protobuf from "protobufjs";

const require = createRequire(import.meta.url);

/** A protobufjs Root holding descriptor.proto and the given .proto text, every reference resolved. */
export function parseProto(text: string): protobuf.Root {
  const root = new protobuf.Root();
  root.loadSync(require.resolve("protobufjs/google/protobuf/descriptor.proto"), { keepCase: true });
  const parsed = protobuf.parse(text, root, { keepCase: true, alternateCommentMode: true });
  if (!parsed.imports?.includes("google/protobuf/descriptor.proto")) throw new Error("the file does not import descriptor.proto");
  root.resolveAll();
  return root;
}
