package io.viberglass.platform.dispatch;

import io.viberglass.platform.clankers.DeploymentStrategy;
import java.util.function.Supplier;

/**
 * The callback URL a worker is given: a local worker calls this process over loopback; remote workers use the public
 * URL.
 */
public record PlatformUrls(String publicUrl, Supplier<String> localUrl) {
    public String forStrategy(DeploymentStrategy strategy) {
        return strategy == DeploymentStrategy.LOCAL ? localUrl.get() : publicUrl;
    }
}
