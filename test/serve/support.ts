/** What the serve tests share: a client that sends exactly the headers it is given, and the vendor SDKs' request shape. */
import { request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";

export interface Answer {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly rawHeaders: readonly string[];
  readonly body: Buffer;
}

/** RFC 1123, as the vendor SDKs write the Date header. */
export function httpDate(ms: number): string {
  return new Date(ms).toUTCString();
}

/**
 * The headers the vendor's KMS instance SDKs send on every call (their doRequest): POST / with these.
 * The signature is not verified by errcat serve, so any Bearer value passes.
 */
export function sdkHeaders(operation = "Encrypt", now = Date.now()): Record<string, string> {
  return {
    accept: "application/x-protobuf",
    "content-type": "application/x-protobuf",
    date: httpDate(now),
    "user-agent": "errcat-test",
    "x-kms-apiversion": "dkms-gcs-0.2",
    "x-kms-apiname": operation,
    "x-kms-signaturemethod": "RSA_PKCS1_SHA_256",
    "x-kms-acccesskeyid": "KAAP.71be72c8-73b9-44e0-bb75-81ee5121****",
    "content-sha256": "E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855",
    authorization: "Bearer dGhlIHNpZ25hdHVyZSBpcyBub3QgdmVyaWZpZWQ=",
  };
}

/** Sends one request with exactly these headers (and Content-Length for the body); rejects on a network error. */
export function send(url: string, options: { method?: string; path?: string; headers?: Record<string, string>; body?: Uint8Array; ca?: string } = {}): Promise<Answer> {
  const target = new URL(options.path ?? "/", url);
  const body = options.body ?? new Uint8Array();
  const make = target.protocol === "https:" ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = make(target, {
      method: options.method ?? "POST", agent: false,
      headers: { ...options.headers, ...(options.method === "GET" ? {} : { "content-length": String(body.length) }) },
      ...(options.ca ? { ca: options.ca } : {}),
    }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers, rawHeaders: res.rawHeaders, body: Buffer.concat(chunks) }));
      res.on("error", reject);
      res.on("aborted", () => reject(Object.assign(new Error("the response was cut off"), { code: "ABORTED", received: Buffer.concat(chunks) })));
    });
    req.on("error", reject);
    req.end(body);
  });
}
