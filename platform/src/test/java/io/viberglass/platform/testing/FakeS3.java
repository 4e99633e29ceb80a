package io.viberglass.platform.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An in-memory S3 speaking the REST wire format for path-style PutObject, GetObject and DeleteObject: enough for the
 * media store, with the requests a real S3 would see (and their headers) kept for assertions.
 */
public final class FakeS3 implements AutoCloseable {
    public record StoredObject(byte[] content, String contentType) {}

    private final HttpServer server;
    private final Map<String, StoredObject> objects = new ConcurrentHashMap<>();
    private final Map<String, String> authorizationByPath = new ConcurrentHashMap<>();

    public FakeS3() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.start();
    }

    public String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Objects by {@code bucket/key}. */
    public Map<String, StoredObject> objects() {
        return objects;
    }

    public String authorization(String bucketAndKey) {
        return authorizationByPath.get(bucketAndKey);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath().substring(1);
        authorizationByPath.put(
                path, String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
        switch (exchange.getRequestMethod()) {
            case "PUT" -> {
                byte[] body = exchange.getRequestBody().readAllBytes();
                String sha = String.valueOf(exchange.getRequestHeaders().getFirst("x-amz-content-sha256"));
                objects.put(
                        path,
                        new StoredObject(
                                sha.startsWith("STREAMING-") ? decodeChunked(body) : body,
                                exchange.getRequestHeaders().getFirst("Content-Type")));
                exchange.getResponseHeaders().add("ETag", "\"fake\"");
                exchange.sendResponseHeaders(200, -1);
            }
            case "GET" -> {
                StoredObject object = objects.get(path);
                if (object == null) {
                    byte[] error = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>NoSuchKey</Code>"
                                    + "<Message>The specified key does not exist.</Message></Error>")
                            .getBytes();
                    exchange.getResponseHeaders().add("Content-Type", "application/xml");
                    exchange.sendResponseHeaders(404, error.length);
                    exchange.getResponseBody().write(error);
                } else {
                    exchange.getResponseHeaders().add("Content-Type", object.contentType());
                    exchange.sendResponseHeaders(200, object.content().length);
                    exchange.getResponseBody().write(object.content());
                }
            }
            case "DELETE" -> {
                objects.remove(path);
                exchange.sendResponseHeaders(204, -1);
            }
            default -> exchange.sendResponseHeaders(405, -1);
        }
        exchange.close();
    }

    /**
     * Decodes an {@code aws-chunked} body (what the SDK signs per chunk over plain HTTP): {@code <hex size>;chunk-
     * signature=…\r\n<data>\r\n} repeated, ending with a zero-size chunk.
     */
    static byte[] decodeChunked(byte[] body) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        int position = 0;
        while (position < body.length) {
            int lineEnd = position;
            while (body[lineEnd] != '\r') {
                lineEnd++;
            }
            String header = new String(body, position, lineEnd - position, java.nio.charset.StandardCharsets.US_ASCII);
            int size = Integer.parseInt(header.split(";")[0], 16);
            if (size == 0) {
                break;
            }
            out.write(body, lineEnd + 2, size);
            position = lineEnd + 2 + size + 2;
        }
        return out.toByteArray();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
