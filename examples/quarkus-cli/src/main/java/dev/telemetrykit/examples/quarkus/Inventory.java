package dev.telemetrykit.examples.quarkus;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.OptionalInt;

/** The stock, a CDI bean injected into the commands. */
@ApplicationScoped
public class Inventory {
  private final Map<String, Integer> stock = Map.of("bolt", 120, "nut", 80, "washer", 0);

  /** How many of {@code item} are in stock; empty for an item the stockroom does not carry. */
  public OptionalInt count(String item) {
    Integer n = stock.get(item);
    return n == null ? OptionalInt.empty() : OptionalInt.of(n);
  }
}
