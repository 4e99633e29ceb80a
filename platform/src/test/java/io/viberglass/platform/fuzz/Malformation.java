package io.viberglass.platform.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Builders;

/**
 * How one request is spoiled, independent of the route it is sent to: what goes in each path parameter (a seeded,
 * valid value or a bad one), extra query parameters, the body, the content type and corrupted headers.
 */
record Malformation(
        List<String> pathValues,
        List<Boolean> keepSeeded,
        List<Map.Entry<String, String>> query,
        String declaredQueryValue,
        Body body,
        String contentType,
        Map<String, String> headers) {

    enum BodyKind {
        NONE,
        EDITED_SCHEMA,
        WRONG_TOP_LEVEL,
        RAW_BYTES
    }

    /** One change to a schema-shaped body: replace, drop or add a field. */
    record Edit(int field, String op, Object value, String extraName) {}

    record Body(BodyKind kind, List<Edit> edits, Object topLevel, byte[] raw, boolean escapeNonAscii) {
        @Override
        public String toString() {
            return switch (kind) {
                case NONE -> "no body";
                case EDITED_SCHEMA -> "schema body with " + edits + (escapeNonAscii ? " (escaped)" : "");
                case WRONG_TOP_LEVEL -> "top level " + abbreviate(String.valueOf(topLevel));
                case RAW_BYTES -> "raw " + abbreviate(new String(raw, StandardCharsets.UTF_8));
            };
        }
    }

    static String abbreviate(String text) {
        return text.length() > 120 ? text.substring(0, 120) + "…(" + text.length() + ")" : text;
    }

    static Arbitrary<Malformation> any() {
        return Builders.withBuilder(() -> new Object[7])
                .use(BadInput.pathSegment().list().ofSize(4))
                .in((a, v) -> set(a, 0, v))
                .use(BadInput.chance(55).list().ofSize(4))
                .in((a, v) -> set(a, 1, v))
                .use(BadInput.pair(queryName(), BadInput.pathSegment()).list().ofMaxSize(3))
                .in((a, v) -> set(a, 2, v))
                .use(BadInput.pathSegment())
                .in((a, v) -> set(a, 3, v))
                .use(bodies())
                .in((a, v) -> set(a, 4, v))
                .use(contentTypes())
                .in((a, v) -> set(a, 5, v))
                .use(headerSets())
                .in((a, v) -> set(a, 6, v))
                .build(Malformation::of);
    }

    private static Object[] set(Object[] parts, int index, Object value) {
        parts[index] = value;
        return parts;
    }

    @SuppressWarnings("unchecked")
    private static Malformation of(Object[] parts) {
        return new Malformation(
                (List<String>) parts[0],
                (List<Boolean>) parts[1],
                (List<Map.Entry<String, String>>) parts[2],
                (String) parts[3],
                (Body) parts[4],
                (String) parts[5],
                (Map<String, String>) parts[6]);
    }

    private static Arbitrary<String> queryName() {
        return Arbitraries.oneOf(
                Arbitraries.of("limit", "offset", "page", "status", "projectId", "q", "sort", "hours", "cursor"),
                Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(12),
                Arbitraries.of("%00", "a%5B%5D", "%E2%80%AE", "..%2f"));
    }

    static Arbitrary<Body> bodies() {
        Arbitrary<Edit> edit = Arbitraries.integers().between(0, 40).flatMap(field -> Arbitraries.of(
                        "replace", "replace", "replace", "remove", "add")
                .flatMap(op -> BadInput.jsonValue()
                        .flatMap(value -> Arbitraries.of("extra", "__proto__", "id", "tenantId", "", "é😀")
                                .map(name -> new Edit(field, op, value, name)))));
        Arbitrary<Body> edited = edit.list().ofMinSize(1).ofMaxSize(3).flatMap(edits -> Arbitraries.of(true, false)
                .map(escape -> new Body(BodyKind.EDITED_SCHEMA, edits, null, null, escape)));
        Arbitrary<Body> topLevel =
                BadInput.jsonValue().map(value -> new Body(BodyKind.WRONG_TOP_LEVEL, List.of(), value, null, false));
        Arbitrary<Body> raw = rawBytes().map(bytes -> new Body(BodyKind.RAW_BYTES, List.of(), null, bytes, false));
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(1, Arbitraries.just(new Body(BodyKind.NONE, List.of(), null, null, false))),
                net.jqwik.api.Tuple.of(6, edited),
                net.jqwik.api.Tuple.of(2, topLevel),
                net.jqwik.api.Tuple.of(3, raw));
    }

    /** Bodies that are not JSON at all, or JSON only almost. */
    static Arbitrary<byte[]> rawBytes() {
        Arbitrary<String> text = Arbitraries.of(
                "{",
                "}",
                "{\"a\":}",
                "{\"a\":1,}",
                "{'a':1}",
                "{\"name\":\"x\"}{\"name\":\"y\"}",
                "{\"name\":\"x\",\"name\":1}",
                "{\"name\":\"\\ud800\"}",
                "{\"name\":\"\\u0000\"}",
                "{\"title\":\"a\\u0000b\",\"description\":\"\\udfff\"}",
                "{\"name\":NaN}",
                "{\"limit\":1e99999}",
                "[1,2,",
                "\"unterminated",
                "<xml/>",
                "name=x&title=y",
                "--boundary\r\nContent-Disposition: form-data; name=\"x\"\r\n\r\ny\r\n--boundary--",
                "[".repeat(5_000),
                "{\"a\":".repeat(2_000),
                "null",
                " ");
        Arbitrary<byte[]> invalidUtf8 = Arbitraries.of(
                new byte[] {'{', '"', 'n', 'a', 'm', 'e', '"', ':', '"', (byte) 0xff, (byte) 0xfe, '"', '}'},
                new byte[] {
                    '{', '"', 't', 'i', 't', 'l', 'e', '"', ':', '"', (byte) 0xed, (byte) 0xa0, (byte) 0x80, '"', '}'
                },
                new byte[] {'{', '"', 'n', 'a', 'm', 'e', '"', ':', '"', (byte) 0xc0, (byte) 0xae, '"', '}'},
                new byte[] {(byte) 0xef, (byte) 0xbb, (byte) 0xbf, '{', '}'},
                new byte[] {0, 0, 0, '{'});
        return Arbitraries.oneOf(
                text.map(s -> s.getBytes(StandardCharsets.UTF_8)),
                invalidUtf8,
                Arbitraries.bytes().array(byte[].class).ofMaxSize(200));
    }

    static Arbitrary<String> contentTypes() {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(12, Arbitraries.just("application/json")),
                net.jqwik.api.Tuple.of(
                        4,
                        Arbitraries.of(
                                "",
                                "text/plain",
                                "application/xml",
                                "application/x-www-form-urlencoded",
                                "multipart/form-data",
                                "multipart/form-data; boundary=",
                                "multipart/form-data; boundary=boundary",
                                "application/json; charset=utf-16",
                                "application/json; charset=nonsense",
                                "application/octet-stream",
                                "*/*",
                                "application/",
                                "garbage",
                                "application/json;;;;")),
                net.jqwik.api.Tuple.of(2, Arbitraries.just("none")));
    }

    /** Header values the JDK client will send: no CR, LF or other controls (those it refuses itself). */
    static Arbitrary<Map<String, String>> headerSets() {
        Arbitrary<String> garbage = Arbitraries.oneOf(
                Arbitraries.of(
                        "",
                        "Bearer",
                        "Bearer ",
                        "Bearer vg_" + "a".repeat(1_500),
                        "Basic Og==",
                        "Basic !!!",
                        "Bearer null",
                        "Bearer ../../etc/passwd",
                        "Bearer \u00e9\u00ff",
                        "Token x",
                        "6f1c6a34-3b7e-4b6f-9c3a-1d2e3f4a5b6c",
                        "not-a-uuid",
                        "%00",
                        "x".repeat(1_500)),
                Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(64));
        Arbitrary<String> name = Arbitraries.of(
                "Authorization",
                "X-CSRF-Token",
                "X-Callback-Token",
                "X-Tenant-Id",
                "Accept",
                "Accept-Charset",
                "Cookie",
                "X-Request-Id",
                "Origin",
                "If-None-Match",
                "Range",
                "Content-Encoding");
        return Arbitraries.maps(name, garbage).ofMaxSize(3);
    }
}
