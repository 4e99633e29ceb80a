package io.viberglass.platform.infra.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.viberglass.platform.infra.errors.ErrorBody;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.Map;
import java.util.Optional;

/**
 * Serves the dashboard (the {@code webapp} module's build, on the classpath under {@value #ROOT}) with a single-page-app
 * fallback: a GET for a real file returns it; any other page path returns {@code index.html}, so that deep links such
 * as {@code /projects/shop/tickets/123} load the app, which then routes in the browser.
 *
 * <p>Vite names bundled files by content hash under {@code /assets/}, so they are cached for a year; {@code index.html}
 * is revalidated on every load so a new release is picked up at once. A missing {@code /assets/} file or a path with a
 * file extension is a 404, not the app: a browser asking for a stale script must not get HTML back.
 */
public class WebAppServlet extends HttpServlet {
    static final String ROOT = "assets/webapp/";
    static final String IMMUTABLE = "public, max-age=31536000, immutable";
    static final String REVALIDATE = "no-cache";
    static final String SHORT = "public, max-age=3600";

    private static final Map<String, String> TYPES = Map.ofEntries(
            Map.entry("html", "text/html; charset=utf-8"),
            Map.entry("js", "text/javascript; charset=utf-8"),
            Map.entry("mjs", "text/javascript; charset=utf-8"),
            Map.entry("css", "text/css; charset=utf-8"),
            Map.entry("json", "application/json"),
            Map.entry("webmanifest", "application/manifest+json"),
            Map.entry("map", "application/json"),
            Map.entry("svg", "image/svg+xml"),
            Map.entry("png", "image/png"),
            Map.entry("jpg", "image/jpeg"),
            Map.entry("webp", "image/webp"),
            Map.entry("ico", "image/x-icon"),
            Map.entry("woff2", "font/woff2"),
            Map.entry("woff", "font/woff"),
            Map.entry("txt", "text/plain; charset=utf-8"));

    private final transient ClassLoader loader;
    private final transient ObjectMapper mapper;

    public WebAppServlet(ClassLoader loader, ObjectMapper mapper) {
        this.loader = loader;
        this.mapper = mapper;
    }

    /** Whether the dashboard's build is on the classpath at all. */
    public boolean isBuilt() {
        return loader.getResource(ROOT + "index.html") != null;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (isServerPath(path)) {
            notFound(response, "No such endpoint: " + path);
            return;
        }
        String file = path.startsWith("/") ? path.substring(1) : path;
        if (file.isEmpty() || file.equals("index.html")) {
            serveIndex(response);
            return;
        }
        Optional<URL> asset = asset(file);
        if (asset.isPresent()) {
            serve(response, asset.get(), file, file.startsWith("assets/") ? IMMUTABLE : SHORT);
        } else if (looksLikeFile(file)) {
            notFound(response, "No such file: " + path);
        } else {
            serveIndex(response);
        }
    }

    /** Paths the platform itself owns; they reach this servlet only when nothing there matched. */
    static boolean isServerPath(String path) {
        return path.equals("/api") || path.startsWith("/api/") || path.equals("/health") || path.startsWith("/health/");
    }

    static boolean looksLikeFile(String file) {
        String last = file.substring(file.lastIndexOf('/') + 1);
        return file.startsWith("assets/") || last.contains(".");
    }

    private Optional<URL> asset(String file) {
        // the probe filter already refuses "..", but this servlet does not rely on it
        if (file.contains("..")
                || file.contains("\\")
                || file.contains("//")
                || file.endsWith("/")
                || !looksLikeFile(file)) {
            return Optional.empty();
        }
        return Optional.ofNullable(loader.getResource(ROOT + file));
    }

    private void serveIndex(HttpServletResponse response) throws IOException {
        URL index = loader.getResource(ROOT + "index.html");
        if (index == null) {
            response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
            response.setContentType("text/plain; charset=utf-8");
            response.getWriter()
                    .write("The dashboard is not built. Build it with ./mvnw -pl webapp,platform -am package.");
            return;
        }
        serve(response, index, "index.html", REVALIDATE);
    }

    private static void serve(HttpServletResponse response, URL resource, String file, String cacheControl)
            throws IOException {
        byte[] content;
        try (InputStream in = resource.openStream()) {
            content = in.readAllBytes();
        }
        String extension = file.substring(file.lastIndexOf('.') + 1);
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType(TYPES.getOrDefault(extension, "application/octet-stream"));
        response.setHeader("Cache-Control", cacheControl);
        response.setContentLength(content.length);
        response.getOutputStream().write(content);
    }

    private void notFound(HttpServletResponse response, String message) throws IOException {
        response.setStatus(HttpServletResponse.SC_NOT_FOUND);
        response.setContentType("application/json");
        response.setHeader("Cache-Control", "no-store");
        mapper.writeValue(response.getOutputStream(), ErrorBody.of("Not Found", message, "NOT_FOUND"));
    }
}
