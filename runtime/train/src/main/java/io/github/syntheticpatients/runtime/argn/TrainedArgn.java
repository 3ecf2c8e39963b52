package io.github.syntheticpatients.runtime.argn;

import io.github.syntheticpatients.runtime.model.argn.ArgnNetwork;

/**
 * A trained chain of heads: the network of the best validation epoch and the loss history.
 *
 * @param network the exported network
 * @param bestEpoch the epoch (from 1) whose network this is
 * @param epochsRun epochs run before stopping
 * @param trainLosses mean training loss per row (nats), per epoch
 * @param validationLosses mean validation loss per row (nats), per epoch; empty without validation
 */
public record TrainedArgn(
    ArgnNetwork network,
    int bestEpoch,
    int epochsRun,
    double[] trainLosses,
    double[] validationLosses) {}
