package org.distill4j.bayes.bag;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.distill4j.bayes.model.PredictiveModel;

/**
 * An immutable registry of {@link ModelCodec}s, handed to {@link PosteriorBag#save} and {@link PosteriorBag#load}:
 * the bag module cannot know every model class, so the caller says which ones it can write and read. Kinds are
 * unique. Thread-safe.
 */
public final class ModelCodecs {

    private final Map<String, ModelCodec> byKind;

    private ModelCodecs(Map<String, ModelCodec> byKind) {
        this.byKind = byKind;
    }

    /**
     * A registry of the given codecs.
     *
     * @throws IllegalArgumentException if two codecs share a kind
     */
    public static ModelCodecs of(ModelCodec... codecs) {
        checkNotNull(codecs, "codecs");
        return of(List.of(codecs));
    }

    /**
     * A registry of the given codecs.
     *
     * @throws IllegalArgumentException if two codecs share a kind
     */
    public static ModelCodecs of(List<ModelCodec> codecs) {
        checkNotNull(codecs, "codecs");
        Map<String, ModelCodec> map = new LinkedHashMap<>();
        for (ModelCodec codec : codecs) {
            checkNotNull(codec, "codec");
            ModelCodec previous = map.put(codec.kind(), codec);
            checkArgument(previous == null, "two codecs for the model kind '%s'", codec.kind());
        }
        return new ModelCodecs(java.util.Collections.unmodifiableMap(map));
    }

    /** This registry with one more codec. */
    public ModelCodecs with(ModelCodec codec) {
        List<ModelCodec> all = new ArrayList<>(byKind.values());
        all.add(checkNotNull(codec, "codec"));
        return of(all);
    }

    /** The codec of a kind, if registered. */
    public Optional<ModelCodec> forKind(String kind) {
        return Optional.ofNullable(byKind.get(kind));
    }

    /** The first codec (in registration order) that handles {@code model}, if any. */
    public Optional<ModelCodec> forModel(PredictiveModel model) {
        return byKind.values().stream().filter(c -> c.handles(model)).findFirst();
    }

    /** The registered kinds, in registration order. */
    public List<String> kinds() {
        return List.copyOf(byKind.keySet());
    }

    @Override
    public String toString() {
        return "ModelCodecs" + byKind.keySet();
    }
}
