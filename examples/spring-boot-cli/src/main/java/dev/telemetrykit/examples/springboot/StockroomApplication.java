package dev.telemetrykit.examples.springboot;

import dev.telemetrykit.picocli.Telemetry;
import org.springframework.boot.CommandLineRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import picocli.CommandLine;
import picocli.CommandLine.IFactory;

/**
 * A Spring Boot CLI: Spring builds the context, then hands the arguments to Picocli, whose
 * commands are beans created through the starter's {@link IFactory}. Telemetry is installed on
 * that {@code CommandLine}, so it records the commands as Picocli parsed them.
 */
@SpringBootApplication
public class StockroomApplication implements CommandLineRunner, ExitCodeGenerator {
  private final IFactory factory;
  private final StockroomCommand command;
  private int exitCode;

  StockroomApplication(IFactory factory, StockroomCommand command) {
    this.factory = factory;
    this.command = command;
  }

  @Override
  public void run(String... args) {
    CommandLine cl = new CommandLine(command, factory);
    exitCode = Telemetry.install(cl).execute(args);
  }

  @Override
  public int getExitCode() {
    return exitCode;
  }

  public static void main(String[] args) {
    System.exit(SpringApplication.exit(SpringApplication.run(StockroomApplication.class, args)));
  }
}
