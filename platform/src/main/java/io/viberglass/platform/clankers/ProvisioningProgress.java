package io.viberglass.platform.clankers;

/** Where a provisioner reports what it is doing; each report is also a heartbeat. */
public interface ProvisioningProgress {
    /** A step the user sees in the clanker's status message and provisioning log. */
    void report(String message);

    /** Still working, nothing new to say (a long pull): keeps other replicas from resuming this provisioning. */
    void heartbeat();
}
