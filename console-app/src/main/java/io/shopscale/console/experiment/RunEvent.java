package io.shopscale.console.experiment;

/**
 * Something the run did or saw, for the report's event lines.
 *
 * @param millis since the run started
 * @param kind   {@code step}, {@code step done}, {@code step failed}, {@code phase}, {@code abort}, {@code cleanup},
 *               or an engine event's kind
 */
public record RunEvent(long millis, String kind, String text) {
}
