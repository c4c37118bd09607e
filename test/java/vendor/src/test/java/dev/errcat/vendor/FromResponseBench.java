package dev.errcat.vendor;

import com.aliyun.dkms.gcs.openapi.util.protobuf.ApiModels;
import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.Descriptors;
import com.google.protobuf.DynamicMessage;
import dev.errcat.conformance.Fixtures;
import dev.errcat.kms.v1.errors.KmsErrors;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A warmed-up benchmark, not JMH: KmsErrors.fromResponse against protobuf-java's parseFrom of the same
 * bytes (the protobuf fixture bodies, in turn). Baselines: the vendor SDK's generated class
 * ApiModels.Error (protobuf-java 3.19.6, what the SDK itself runs), and DynamicMessage. fromResponse is
 * measured without stack traces (it then does what parseFrom does plus classification and matching)
 * and with them. Prints one JSON object as its last line.
 */
public final class FromResponseBench {
    private static volatile Object sink;

    public static void main(String[] args) throws Exception {
        List<byte[]> bodies = new ArrayList<>();
        List<Integer> statuses = new ArrayList<>();
        for (Fixtures.Fixture f : Fixtures.all()) {
            if (f.body().length > 0 && !f.headers().getOrDefault("content-type", "").startsWith("text/") && !f.id().equals("negative.truncated-body")) {
                bodies.add(f.body());
                statuses.add(f.httpStatus());
            }
        }
        byte[][] b = bodies.toArray(new byte[0][]);
        int[] s = statuses.stream().mapToInt(Integer::intValue).toArray();
        Map<String, List<String>> headers = Map.of("content-type", List.of("application/x-protobuf"));
        Descriptors.Descriptor dynamic = descriptor();

        Runnable generated = () -> {
            for (byte[] body : b) {
                try {
                    sink = ApiModels.Error.parseFrom(body);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        };
        Runnable dynamicParse = () -> {
            for (byte[] body : b) {
                try {
                    sink = DynamicMessage.parseFrom(dynamic, body);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        };
        Runnable ours = () -> {
            for (int i = 0; i < b.length; i++) sink = KmsErrors.fromResponse(s[i], b[i], headers);
        };
        Runnable oursParams = () -> {
            for (int i = 0; i < b.length; i++) sink = KmsErrors.fromResponse(s[i], b[i], headers).params();
        };

        KmsErrors.setStackTraces(false);
        // Warm up every path, then measure them interleaved so drift hits all alike.
        for (int round = 0; round < 3; round++) {
            time(generated, 2_000);
            time(dynamicParse, 2_000);
            time(ours, 2_000);
            time(oursParams, 2_000);
        }
        double[] best = {Double.MAX_VALUE, Double.MAX_VALUE, Double.MAX_VALUE, Double.MAX_VALUE};
        for (int round = 0; round < 7; round++) {
            best[0] = Math.min(best[0], time(generated, 5_000));
            best[1] = Math.min(best[1], time(dynamicParse, 5_000));
            best[2] = Math.min(best[2], time(ours, 5_000));
            best[3] = Math.min(best[3], time(oursParams, 5_000));
        }
        KmsErrors.setStackTraces(true);
        double withStacks = Double.MAX_VALUE;
        for (int round = 0; round < 5; round++) withStacks = Math.min(withStacks, time(ours, 2_000));
        double perBody = b.length;
        double generatedNs = best[0] / perBody;
        double dynamicNs = best[1] / perBody;
        double oursNs = best[2] / perBody;
        System.out.printf(Locale.ROOT, "bodies: %d (the protobuf fixture bodies)%n", b.length);
        System.out.printf(Locale.ROOT, "ApiModels.Error.parseFrom (generated, protobuf-java 3.19.6): %.0f ns%n", generatedNs);
        System.out.printf(Locale.ROOT, "DynamicMessage.parseFrom: %.0f ns%n", dynamicNs);
        System.out.printf(Locale.ROOT, "KmsErrors.fromResponse, no stack traces: %.0f ns (%.2fx generated, %.2fx DynamicMessage)%n", oursNs,
                oursNs / generatedNs, oursNs / dynamicNs);
        System.out.printf(Locale.ROOT, "KmsErrors.fromResponse + params(): %.0f ns%n", best[3] / perBody);
        System.out.printf(Locale.ROOT, "KmsErrors.fromResponse with stack traces (the default): %.0f ns%n", withStacks / perBody);
        System.out.printf(Locale.ROOT,
                "{\"name\": \"java fromResponse vs protobuf-java parseFrom\", \"ours_ns\": %.1f, \"baseline_ns\": %.1f, \"ratio\": %.3f, "
                        + "\"baseline\": \"ApiModels.Error.parseFrom (the vendor SDK's generated class, protobuf-java 3.19.6) of the same bytes; "
                        + "fromResponse without stack traces; DynamicMessage.parseFrom %.1f ns, fromResponse with stack traces %.1f ns\"}%n",
                oursNs, generatedNs, oursNs / generatedNs, dynamicNs, withStacks / perBody);
    }

    /** Nanoseconds for one pass over the bodies, averaged over `passes`. */
    private static double time(Runnable pass, int passes) {
        long start = System.nanoTime();
        for (int i = 0; i < passes; i++) pass.run();
        return (System.nanoTime() - start) / (double) passes;
    }

    private static Descriptors.Descriptor descriptor() throws Descriptors.DescriptorValidationException {
        DescriptorProto.Builder message = DescriptorProto.newBuilder().setName("Error");
        String[] names = {"StatusCode", "ErrorCode", "ErrorMessage", "RequestId"};
        for (int i = 0; i < names.length; i++) {
            message.addField(FieldDescriptorProto.newBuilder().setName(names[i]).setNumber(i + 1).setLabel(FieldDescriptorProto.Label.LABEL_OPTIONAL)
                    .setType(i == 0 ? FieldDescriptorProto.Type.TYPE_INT32 : FieldDescriptorProto.Type.TYPE_STRING));
        }
        FileDescriptorProto file = FileDescriptorProto.newBuilder().setName("bench/error.proto").setPackage("bench").setSyntax("proto3")
                .addMessageType(message).build();
        return Descriptors.FileDescriptor.buildFrom(file, new Descriptors.FileDescriptor[0]).findMessageTypeByName("Error");
    }
}
