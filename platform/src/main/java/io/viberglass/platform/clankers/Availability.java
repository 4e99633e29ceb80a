package io.viberglass.platform.clankers;

/**
 * One availability check of a clanker's runtime.
 *
 * @param runtimeReachable the engine or AWS API answered
 * @param resourceExists the image, task definition or function is there (or can be pulled at the next run)
 */
public record Availability(boolean runtimeReachable, boolean resourceExists, String message) {
    public boolean available() {
        return runtimeReachable && resourceExists;
    }

    public static Availability ready(String message) {
        return new Availability(true, true, message);
    }

    public static Availability missing(String message) {
        return new Availability(true, false, message);
    }

    public static Availability unreachable(String message) {
        return new Availability(false, false, message);
    }
}
