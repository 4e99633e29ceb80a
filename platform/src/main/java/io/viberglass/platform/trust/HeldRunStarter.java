package io.viberglass.platform.trust;

import java.util.UUID;

/** Starts an approved hold's run as it would have started without the hold; the webhook feature knows how. */
@FunctionalInterface
public interface HeldRunStarter {
    /** The started job's id; throws a domain exception when the run cannot start (the runner is gone, say). */
    UUID start(Hold hold);
}
