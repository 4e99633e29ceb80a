package io.viberglass.platform.clankers;

import io.viberglass.common.job.AgentType;

/**
 * The worker images of one agent in the catalog.
 *
 * @param image the container image for Docker and ECS workers
 * @param lambdaImage the image a Lambda function is created from
 * @param overridden the platform's configuration names this agent's image instead of the default pattern
 */
public record WorkerImage(AgentType agent, String displayName, String image, String lambdaImage, boolean overridden) {}
