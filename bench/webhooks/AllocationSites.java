// Where a JFR recording's sampled allocations come from, for bench/webhooks (docs/perf.md "Allocation per delivery").
// Not part of the test suite. Reads jdk.ObjectAllocationSample events of the threads whose name starts with a prefix
// (the server's request threads are Jetty's "dw-") and sums their weights (JFR's estimate of the bytes each sample
// stands for) by allocation site:
//   java bench/webhooks/AllocationSites.java <recording.jfr> [threadPrefix=dw-] [mode=site] [rows=30] [requests]
// Modes: "site" = first frame outside the JDK (who asked for the memory), "app" = first io.viberglass frame (which of
// our calls led there), "top" = the allocating frame itself, "library" = the first non-JDK frame's package.
// With a request count, each row is also given in KB per request.

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

public class AllocationSites {
    public static void main(String[] args) throws Exception {
        Path recording = Path.of(args[0]);
        String prefix = args.length > 1 ? args[1] : "dw-";
        String mode = args.length > 2 ? args[2] : "site";
        int rows = args.length > 3 ? Integer.parseInt(args[3]) : 30;
        long requests = args.length > 4 ? Long.parseLong(args[4]) : 0;
        Map<String, Long> bytes = new HashMap<>();
        long total = 0;
        try (RecordingFile file = new RecordingFile(recording)) {
            while (file.hasMoreEvents()) {
                RecordedEvent event = file.readEvent();
                if (!event.getEventType().getName().equals("jdk.ObjectAllocationSample")) {
                    continue;
                }
                RecordedThread thread = event.getThread("eventThread");
                if (thread == null || thread.getJavaName() == null || !thread.getJavaName().startsWith(prefix)) {
                    continue;
                }
                long weight = event.getLong("weight");
                total += weight;
                List<RecordedFrame> frames =
                        event.getStackTrace() == null ? List.of() : event.getStackTrace().getFrames();
                bytes.merge(site(frames, mode, event.getClass("objectClass").getName()), weight, Long::sum);
            }
        }
        System.out.printf("%.1f MB sampled on threads %s*%s%n", total / 1e6, prefix,
                requests > 0 ? String.format(", %.1f KB per request over %d requests", total / 1024.0 / requests,
                        requests) : "");
        long shown = total;
        bytes.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(rows)
                .forEach(entry -> System.out.printf("%8.1f MB %5.1f %%%s  %s%n", entry.getValue() / 1e6,
                        100.0 * entry.getValue() / shown,
                        requests > 0 ? String.format(" %7.2f KB/req", entry.getValue() / 1024.0 / requests) : "",
                        entry.getKey()));
    }

    static String site(List<RecordedFrame> frames, String mode, String type) {
        if (frames.isEmpty()) {
            return "(no stack) " + type;
        }
        return switch (mode) {
            case "top" -> frame(frames.get(0)) + " " + type;
            case "app" -> frames.stream()
                    .filter(frame -> name(frame).startsWith("io.viberglass."))
                    .findFirst()
                    .map(AllocationSites::frame)
                    .orElse("(no io.viberglass frame in the stack)");
            case "library" -> frames.stream()
                    .filter(frame -> !isJdk(frame))
                    .findFirst()
                    .map(frame -> packageOf(name(frame)))
                    .orElse("(JDK only)");
            default -> frames.stream()
                    .filter(frame -> !isJdk(frame))
                    .findFirst()
                    .map(frame -> frame(frame) + " <- " + frame(frames.get(0)))
                    .orElse("(JDK only) " + frame(frames.get(0)));
        };
    }

    static boolean isJdk(RecordedFrame frame) {
        String name = name(frame);
        return name.startsWith("java.") || name.startsWith("jdk.") || name.startsWith("sun.")
                || name.startsWith("javax.") || name.startsWith("com.sun.");
    }

    static String name(RecordedFrame frame) {
        return frame.getMethod().getType().getName();
    }

    static String packageOf(String type) {
        String[] parts = type.split("\\.");
        return String.join(".", java.util.Arrays.copyOf(parts, Math.min(3, parts.length - 1)));
    }

    static String frame(RecordedFrame frame) {
        String type = name(frame);
        return type.substring(type.lastIndexOf('.') + 1) + "." + frame.getMethod().getName() + ":"
                + frame.getLineNumber();
    }
}
