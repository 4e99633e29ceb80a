package io.viberglass.platform.dispatch.bundle;

import io.viberglass.platform.dispatch.Dispatch;

/** Keeps a dispatch's credentials and callback token for the worker to fetch once, in exchange for a one-time token. */
public interface SecretBundleSealer {
    /** @return the one-time token the worker presents to fetch the bundle; only the worker may hold it */
    String seal(Dispatch dispatch);
}
