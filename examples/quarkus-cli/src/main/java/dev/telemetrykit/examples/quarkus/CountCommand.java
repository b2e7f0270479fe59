package dev.telemetrykit.examples.quarkus;

import jakarta.inject.Inject;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code stockroom count <item>}: prints how many are in stock; exit 1 for an unknown item. */
@Command(name = "count", description = "Prints how many of an item are in stock.")
public class CountCommand implements Callable<Integer> {
  private final Inventory inventory;

  @Parameters(paramLabel = "ITEM")
  String item;

  @Inject
  CountCommand(Inventory inventory) {
    this.inventory = inventory;
  }

  @Override
  public Integer call() {
    OptionalInt count = inventory.count(item);
    if (count.isEmpty()) {
      System.err.println("No such item: " + item);
      return 1;
    }
    System.out.println(item + ": " + count.getAsInt());
    return 0;
  }
}
