package dev.componentize.core.component.canon;

/**
 * The core function type of a lifted export or a lowered import together with what the ABI needs to
 * move its values (CanonicalABI.md, "Flattening", {@code flatten_functype}, and the validation
 * rules of {@code canon lift} and {@code canon lower}).
 *
 * @param core the core function type
 * @param paramsInMemory the parameters exceed {@link CanonicalAbi#MAX_FLAT_PARAMS} and are passed
 *     as one pointer to a tuple in linear memory
 * @param resultsInMemory the results exceed {@link CanonicalAbi#MAX_FLAT_RESULTS}: a lifted export
 *     returns a pointer to them, a lowered import takes an extra pointer parameter to write them to
 * @param needsMemory the {@code memory} canonical option is required
 * @param needsRealloc the {@code realloc} canonical option is required
 */
public record FlatSignature(
    CoreSignature core,
    boolean paramsInMemory,
    boolean resultsInMemory,
    boolean needsMemory,
    boolean needsRealloc) {}
