package io.viberglass.platform.dispatch.bundle;

import io.viberglass.platform.dispatch.Dispatch;

/** Keeps a dispatch's callback token (and credentials) for one container to fetch once, for a one-time token. */
public interface SecretBundleSealer {
    /** Who fetches a bundle: the worker gets the job's credentials too, a restricted run's egress proxy does not. */
    enum Holder {
        WORKER("worker"),
        EGRESS_PROXY("egress-proxy");

        private final String wire;

        Holder(String wire) {
            this.wire = wire;
        }

        public String wire() {
            return wire;
        }
    }

    /** @return the one-time token the holder presents to fetch its bundle; only that container may hold it */
    String seal(Dispatch dispatch, Holder holder);
}
