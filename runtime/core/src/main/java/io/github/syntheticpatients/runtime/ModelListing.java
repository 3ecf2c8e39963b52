package io.github.syntheticpatients.runtime;

/**
 * A model the runtime can see.
 *
 * @param id the id to pass to {@link io.github.syntheticpatients.runtime.sampling.ModelLoader#load}
 * @param summary the model card's one-line summary
 * @param source where it comes from (the zoo provider's class, or a file)
 */
public record ModelListing(String id, String summary, String source) {}
