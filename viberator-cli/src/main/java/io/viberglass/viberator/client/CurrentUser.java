package io.viberglass.viberator.client;

/** Who the API token belongs to ({@code GET /api/auth/me}). */
public record CurrentUser(String id, String email, String name, String role) {}
