package io.viberglass.platform.fuzz;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * The kinds of bad input a client can send, as jqwik arbitraries: values for path segments and query strings (already
 * percent-encoded, so invalid UTF-8 and encoded slashes reach the server as bytes) and values for JSON fields. Long
 * values are bounded so that ten thousand requests stay within the run's time budget.
 */
final class BadInput {
    private BadInput() {}

    /** Edge cases of text: NUL, lone surrogates, bidi overrides, emoji and combining marks, injection bait. */
    static final List<String> EDGE_STRINGS = List.of(
            "",
            " ",
            "\u0000",
            "a\u0000b",
            "\uD800",
            "x\uDC00y",
            "\uDBFF\uDFFF",
            "\u202Egnp.exe",
            "\u200F\u200E\u061C",
            "😀👨‍👩‍👧‍👦",
            "e\u0301\u0301\u0301\u0301",
            "\uFEFFbom",
            "\u200B\u2028\u2029",
            "\uFFFF\uFFFE",
            "\r\n\t\u000B\u000C",
            "../../../../etc/passwd",
            "..\\..\\windows\\win.ini",
            "%2e%2e%2f%2e%2e%2f",
            "/absolute/path",
            "file:///etc/passwd",
            "<script>alert(1)</script>",
            "'; drop table tickets; --",
            "${jndi:ldap://127.0.0.1/x}",
            "{{7*7}}",
            "NaN",
            "-1",
            "1e400",
            "true",
            "null");

    static Arbitrary<String> text() {
        return Arbitraries.frequencyOf(tuple(8, shortText()), tuple(2, hugeText()));
    }

    /** Short edge-case text, for the request line: Jetty refuses a request line and headers over 8 KiB itself. */
    static Arbitrary<String> shortText() {
        return Arbitraries.frequencyOf(
                tuple(5, Arbitraries.of(EDGE_STRINGS)),
                tuple(2, Arbitraries.strings().all().ofMaxLength(40)),
                tuple(
                        1,
                        Arbitraries.strings()
                                .withChars('\u0000', '\uD800', '\uDFFF', '\u202E', 'a', '/')
                                .ofMaxLength(20)));
    }

    /** Strings past every column limit but far below the body limit. */
    static Arbitrary<String> hugeText() {
        return Arbitraries.of(256, 1_001, 10_001, 65_536)
                .flatMap(length -> Arbitraries.of("x", "é", "😀", "\u0000").map(unit -> unit.repeat(length)));
    }

    /** Path segment values, percent-encoded as they go on the wire. */
    static Arbitrary<String> pathSegment() {
        return Arbitraries.frequencyOf(
                tuple(
                        6,
                        Arbitraries.of(
                                "not-a-uuid",
                                "00000000-0000-0000-0000-000000000000",
                                "ffffffff-ffff-ffff-ffff-ffffffffffff",
                                "6f1c6a34-3b7e-4b6f-9c3a-1d2e3f4a5b6c-extra",
                                "6F1C6A34-3B7E-4B6F-9C3A-1D2E3F4A5B6C",
                                "6f1c6a343b7e4b6f9c3a1d2e3f4a5b6c",
                                "%7B6f1c6a34-3b7e-4b6f-9c3a-1d2e3f4a5b6c%7D",
                                "1",
                                "-1",
                                "99999999999999999999999",
                                "null",
                                "%20",
                                "..",
                                ".",
                                "%2e%2e",
                                "%2E%2E%2F%2E%2E%2Fetc%2Fpasswd",
                                "..%2f..%2f..%2fetc%2fpasswd",
                                "..%5c..%5cwindows",
                                "%252e%252e%252f",
                                "a%2fb",
                                "a%5cb",
                                "%00",
                                "a%00.png",
                                "%ED%A0%80",
                                "%C0%AE%C0%AE%C0%AF",
                                "%FF%FE",
                                "%E2%80%AEgnp.exe",
                                "%F0%9F%98%80",
                                "shot.png%00.exe",
                                "shot.png;.exe",
                                "%3Cscript%3E",
                                "%27%20or%201%3D1")),
                tuple(2, shortText().map(BadInput::encode)),
                tuple(1, Arbitraries.integers().between(100, 1_000).map("a"::repeat)));
    }

    static String encode(String value) {
        StringBuilder out = new StringBuilder();
        for (byte b : value.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_') {
                out.append((char) c);
            } else {
                out.append('%').append(String.format("%02X", c));
            }
        }
        return out.toString();
    }

    /** A JSON value of any type, mostly the wrong one for where it lands. */
    static Arbitrary<Object> jsonValue() {
        return Arbitraries.frequencyOf(
                tuple(4, text().map(s -> (Object) s)),
                tuple(
                        2,
                        Arbitraries.of(
                                (Object) 0,
                                -1,
                                Integer.MAX_VALUE,
                                Long.MIN_VALUE,
                                new java.math.BigInteger("123456789012345678901234567890"),
                                1.5e300,
                                -0.0,
                                true,
                                false)),
                tuple(1, Arbitraries.just((Object) java.util.List.of("a", 1, java.util.Map.of()))),
                tuple(1, Arbitraries.just((Object) java.util.Map.of("nested", java.util.Map.of("deeper", "x")))),
                tuple(1, Arbitraries.just(NULL)));
    }

    /** Stands for JSON {@code null} (Java maps and lists built here take no nulls). */
    static final Object NULL = new Object() {
        @Override
        public String toString() {
            return "null";
        }
    };

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static <T> net.jqwik.api.Tuple.Tuple2<Integer, Arbitrary<? extends T>> tuple(
            int weight, Arbitrary<? extends T> arbitrary) {
        return net.jqwik.api.Tuple.of(weight, arbitrary);
    }

    static Arbitrary<Boolean> chance(int percent) {
        return Arbitraries.integers().between(1, 100).map(n -> n <= percent);
    }

    static <A, B> Arbitrary<java.util.Map.Entry<A, B>> pair(Arbitrary<A> a, Arbitrary<B> b) {
        return Combinators.combine(a, b).as(java.util.Map::entry);
    }
}
