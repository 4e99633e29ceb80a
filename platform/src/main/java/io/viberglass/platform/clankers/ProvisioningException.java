package io.viberglass.platform.clankers;

/** The runtime cannot be made ready; the message says why, in words the user can act on. */
public class ProvisioningException extends Exception {
    public ProvisioningException(String message) {
        super(message);
    }

    public ProvisioningException(String message, Throwable cause) {
        super(message, cause);
    }
}
