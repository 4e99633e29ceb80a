package io.viberglass.platform.integrations;

/** The answer of a connection test or a test send: whether the provider accepted the call, and what it said. */
public record ConnectionResult(boolean success, String message, Integer statusCode) {}
