package dev.telemetrykit.examples.quarkus;

import jakarta.inject.Inject;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code stockroom reserve <item> --quantity N [--priority LOW|NORMAL|HIGH]}. Telemetry records
 * the option names; {@code --priority}, an enum, also with its value.
 */
@Command(name = "reserve", description = "Reserves items for a job.")
public class ReserveCommand implements Callable<Integer> {
  /** How urgent a reservation is. */
  public enum Priority { LOW, NORMAL, HIGH }

  private final Inventory inventory;

  @Parameters(paramLabel = "ITEM")
  String item;

  @Option(names = "--quantity", required = true)
  int quantity;

  @Option(names = "--priority")
  Priority priority = Priority.NORMAL;

  @Inject
  ReserveCommand(Inventory inventory) {
    this.inventory = inventory;
  }

  @Override
  public Integer call() {
    int inStock = inventory.count(item).orElse(0);
    if (inStock < quantity) {
      System.err.println("Only " + inStock + " " + item + " in stock.");
      return 2;
    }
    System.out.println("Reserved " + quantity + " " + item + " (" + priority.name().toLowerCase() + " priority).");
    return 0;
  }
}
