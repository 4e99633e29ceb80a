package io.viberglass.platform.infra.config;

import io.dropwizard.db.DataSourceFactory;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * Reads the Heroku-style {@code DATABASE_URL} ({@code postgres://user:password@host:port/db?sslmode=require}) that
 * most hosting platforms hand out, and plain JDBC URLs, into Dropwizard's data source.
 */
public final class DatabaseUrl {
    private DatabaseUrl() {}

    public static void applyTo(String databaseUrl, DataSourceFactory target) {
        if (databaseUrl == null || databaseUrl.isBlank()) {
            return;
        }
        String url = databaseUrl.trim();
        if (url.startsWith("jdbc:")) {
            target.setUrl(url);
            return;
        }
        URI uri = URI.create(url);
        if (!"postgres".equals(uri.getScheme()) && !"postgresql".equals(uri.getScheme())) {
            throw new IllegalArgumentException(
                    "DATABASE_URL must start with postgres://, postgresql:// or jdbc:postgresql:");
        }
        int port = uri.getPort() == -1 ? 5432 : uri.getPort();
        String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
        target.setUrl("jdbc:postgresql://" + uri.getHost() + ":" + port + uri.getRawPath() + query);
        String userInfo = uri.getRawUserInfo();
        if (userInfo != null) {
            int colon = userInfo.indexOf(':');
            target.setUser(decode(colon < 0 ? userInfo : userInfo.substring(0, colon)));
            if (colon >= 0) {
                target.setPassword(decode(userInfo.substring(colon + 1)));
            }
        }
    }

    private static String decode(String part) {
        return URLDecoder.decode(part, StandardCharsets.UTF_8);
    }
}
