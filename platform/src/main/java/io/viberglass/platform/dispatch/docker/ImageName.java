package io.viberglass.platform.dispatch.docker;

/**
 * An image reference split the way the Engine's pull API wants it. A reference without a tag means {@code latest}:
 * the Engine would otherwise pull every tag of the repository.
 */
record ImageName(String repository, String tag) {
    static ImageName parse(String reference) {
        int digest = reference.indexOf('@');
        if (digest > 0) {
            return new ImageName(reference.substring(0, digest), reference.substring(digest + 1));
        }
        int slash = reference.lastIndexOf('/');
        int colon = reference.lastIndexOf(':');
        if (colon > slash) {
            return new ImageName(reference.substring(0, colon), reference.substring(colon + 1));
        }
        return new ImageName(reference, "latest");
    }
}
