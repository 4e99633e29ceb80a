package io.viberglass.platform.clankers;

/**
 * Checks, and where the clanker asks for it creates, what one deployment strategy needs before its workers can start:
 * an image on the Docker engine, an ECS task definition, a Lambda function. Implemented next to the strategy's invoker,
 * on the same clients.
 */
public interface RuntimeProvisioner {
    DeploymentStrategy strategy();

    /**
     * Makes the clanker's runtime ready. Slow (an image pull takes minutes); runs off the request thread.
     *
     * @param image the catalog's image for the clanker's agent, used when its configuration names none
     * @param progress where to report each step; also proves to other replicas that provisioning is alive
     * @return settings to store in the clanker's configuration and what was found or made
     * @throws ProvisioningException when the runtime cannot be made ready; its message is shown to the user
     */
    Provisioned provision(Clanker clanker, WorkerImage image, ProvisioningProgress progress)
            throws ProvisioningException;

    /** Whether workers could start now: the runtime answers and the clanker's resource is there. Never throws. */
    Availability check(Clanker clanker);
}
