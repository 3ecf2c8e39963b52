package io.github.syntheticpatients.runtime.argn;

import io.github.syntheticpatients.runtime.model.argn.ArgnNetwork;

/**
 * A trained visit chain of the timeline {@code argn}: the network of the best validation epoch and
 * its history and context weights (layouts as in {@code model.argn.timeline.TimelineArgn}).
 *
 * @param network the chain of heads
 * @param historyHidden the history LSTM's hidden width
 * @param historyInput the LSTM's input weight
 * @param historyRecurrent the LSTM's recurrent weight
 * @param historyBias the LSTM's bias
 * @param context the projected context's weight into every head, {@code projected × (heads ·
 *     hidden)}
 * @param projection the context's projection, {@code contextWidth × projected}
 * @param bestEpoch the epoch (from 1) whose weights these are
 * @param epochsRun epochs run before stopping
 * @param trainLosses mean training loss per visit row (nats), per epoch
 * @param validationLosses mean validation loss per visit row (nats), per epoch; empty without
 *     validation
 */
public record TrainedVisitChain(
    ArgnNetwork network,
    int historyHidden,
    float[] historyInput,
    float[] historyRecurrent,
    float[] historyBias,
    float[] context,
    float[] projection,
    int bestEpoch,
    int epochsRun,
    double[] trainLosses,
    double[] validationLosses) {}
