package io.viberglass.viberator.cli;

import picocli.CommandLine;

/** {@code --version}: the version and build time Maven recorded in {@code build.properties}. */
final class ManifestVersion implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        BuildInfo build = BuildInfo.load();
        return new String[] {
            "viberator " + build.version() + " (built " + build.builtAt() + ")",
            "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"
        };
    }
}
