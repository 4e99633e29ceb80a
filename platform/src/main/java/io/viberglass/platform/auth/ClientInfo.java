package io.viberglass.platform.auth;

/** Where a request came from, for rate limits, sessions and the audit log. */
public record ClientInfo(String ip, String userAgent) {
    public ClientInfo {
        ip = ip == null ? "unknown" : ip;
        userAgent = userAgent == null || userAgent.length() <= 500 ? userAgent : userAgent.substring(0, 500);
    }
}
