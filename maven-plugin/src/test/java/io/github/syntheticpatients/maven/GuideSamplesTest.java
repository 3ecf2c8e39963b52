package io.github.syntheticpatients.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every fenced block of the user guide (docs/guide) is run by an Invoker IT (it/src/it), so the
 * guide cannot drift from the code. The line before each block names what runs it:
 *
 * <ul>
 *   <li>{@code <!-- guide-sample: guide-x/path ... -->}: the block is the whole file, in each IT
 *       project named ({@code @project.version@} there stands for the toolkit's version);
 *   <li>{@code <!-- guide-fragment: guide-x/path -->}: the block appears, line for line, in that
 *       file;
 *   <li>{@code <!-- guide-command: guide-x -->}: each {@code mvn} command of the block is one of
 *       that project's {@code invoker.goals}.
 * </ul>
 */
class GuideSamplesTest {
  private static final Path GUIDE = Path.of(System.getProperty("synthetic.guide", "../docs/guide"));
  private static final Path ITS = Path.of(System.getProperty("synthetic.its", "../it/src/it"));
  private static final String GROUP_ID =
      System.getProperty("synthetic.groupId", "io.github.syntheticpatients");
  private static final String VERSION = System.getProperty("synthetic.version", "0.1.0-SNAPSHOT");

  private static final Pattern MARKER =
      Pattern.compile("<!-- guide-(sample|fragment|command): (\\S+(?: \\S+)*) -->");
  private static final Pattern PAGE = Pattern.compile("(\\d\\d)-[a-z-]+\\.md");

  /** A fenced block: its page and line, the marker line before it, its text. */
  record Block(Path page, int line, String marker, String text) {
    String where() {
      return GUIDE.relativize(page) + ":" + line;
    }
  }

  @Test
  void everyBlockIsRunByAnIntegrationTest() throws IOException {
    List<String> problems = new ArrayList<>();
    for (Block block : blocks()) {
      Matcher marker = MARKER.matcher(block.marker().strip());
      if (!marker.matches()) {
        problems.add(
            block.where()
                + ": a code block without a marker on the line before it;"
                + " add <!-- guide-sample|guide-fragment|guide-command: ... --> naming the IT that runs it");
        continue;
      }
      switch (marker.group(1)) {
        case "sample" -> {
          for (String target : marker.group(2).split(" ")) {
            String file = itFile(block, target, problems);
            if (file != null && !file.equals(block.text())) {
              problems.add(block.where() + ": differs from it/src/it/" + target);
            }
          }
        }
        case "fragment" -> {
          String file = itFile(block, marker.group(2), problems);
          if (file != null && !file.contains(block.text())) {
            problems.add(block.where() + ": is not part of it/src/it/" + marker.group(2));
          }
        }
        default -> checkCommands(block, marker.group(2), problems);
      }
    }
    assertThat(problems).as("guide blocks not run by an IT").isEmpty();
  }

  @Test
  void everyTestClassOfTheGuideProjectsIsShownInTheGuide() throws IOException {
    Set<String> shown = new TreeSet<>();
    for (Block block : blocks()) {
      Matcher marker = MARKER.matcher(block.marker().strip());
      if (marker.matches() && marker.group(1).equals("sample")) {
        shown.addAll(List.of(marker.group(2).split(" ")));
      }
    }
    Set<String> sources = new TreeSet<>();
    try (Stream<Path> projects = Files.list(ITS)) {
      for (Path project :
          projects.filter(p -> p.getFileName().toString().startsWith("guide-")).toList()) {
        try (Stream<Path> files = Files.walk(project)) {
          files
              .filter(f -> f.toString().endsWith(".java"))
              .map(f -> ITS.relativize(f).toString().replace('\\', '/'))
              .forEach(sources::add);
        }
      }
    }
    assertThat(sources).as("the guide projects' code").isNotEmpty();
    assertThat(shown)
        .as("code of it/src/it/guide-* that the guide does not show")
        .containsAll(sources);
  }

  @Test
  void pagesAreNumberedAndEachLinksToTheNext() throws IOException {
    List<String> pages = pages().stream().map(p -> p.getFileName().toString()).toList();
    assertThat(pages).as("numbered pages in docs/guide").hasSizeGreaterThanOrEqualTo(12);
    String contents = Files.readString(GUIDE.resolve("README.md"), StandardCharsets.UTF_8);
    for (int i = 0; i < pages.size(); i++) {
      String page = pages.get(i);
      assertThat(page).as("page %d", i + 1).startsWith(String.format("%02d-", i + 1));
      assertThat(contents).as("the contents list page " + page).contains("(" + page + ")");
      if (i + 1 < pages.size()) {
        String text = Files.readString(GUIDE.resolve(page), StandardCharsets.UTF_8);
        assertThat(text)
            .as(page + " links to the next page")
            .contains("(" + pages.get(i + 1) + ")");
      }
    }
  }

  private static void checkCommands(Block block, String project, List<String> problems) {
    Path properties = ITS.resolve(project).resolve("invoker.properties");
    if (!Files.isRegularFile(properties)) {
      problems.add(block.where() + ": no IT project it/src/it/" + project);
      return;
    }
    Set<String> goals = goals(properties);
    for (String command : commands(block.text())) {
      if (!command.startsWith("mvn ")) {
        problems.add(block.where() + ": '" + command + "' is not a mvn command an IT can run");
      } else if (!goals.contains(normalize(command.substring("mvn ".length())))) {
        problems.add(
            block.where()
                + ": '"
                + command
                + "' is not among the invoker.goals of it/src/it/"
                + project
                + " "
                + goals);
      }
    }
  }

  /**
   * The commands of a shell block: continuation lines joined, comments and blank lines left out.
   */
  static List<String> commands(String text) {
    List<String> commands = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String line : text.split("\n", -1)) {
      String stripped = line.strip();
      if (current.isEmpty() && (stripped.isEmpty() || stripped.startsWith("#"))) {
        continue;
      }
      if (stripped.endsWith("\\")) {
        current.append(stripped, 0, stripped.length() - 1).append(' ');
      } else {
        commands.add(current.append(stripped).toString().strip());
        current.setLength(0);
      }
    }
    return commands;
  }

  /** Shell quoting left out (an IT passes arguments unquoted), runs of spaces made one. */
  static String normalize(String arguments) {
    return arguments.replace("\"", "").replace("'", "").strip().replaceAll("\\s+", " ");
  }

  private static Set<String> goals(Path properties) {
    Properties values = new Properties();
    try (Reader reader = Files.newBufferedReader(properties, StandardCharsets.UTF_8)) {
      values.load(reader);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return values.stringPropertyNames().stream()
        .filter(key -> key.matches("invoker\\.goals(\\.\\d+)?"))
        .map(key -> values.getProperty(key))
        .map(goal -> goal.replace("${project.groupId}", GROUP_ID))
        .map(goal -> goal.replace("${project.version}", VERSION))
        .map(GuideSamplesTest::normalize)
        .collect(Collectors.toCollection(TreeSet::new));
  }

  private static String itFile(Block block, String target, List<String> problems) {
    Path file = ITS.resolve(target);
    if (!target.startsWith("guide-") || !Files.isRegularFile(file)) {
      problems.add(block.where() + ": no file it/src/it/" + target + " in a guide-* IT project");
      return null;
    }
    try {
      return Files.readString(file, StandardCharsets.UTF_8).replace("@project.version@", VERSION);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<Path> pages() throws IOException {
    try (Stream<Path> files = Files.list(GUIDE)) {
      return files
          .filter(f -> PAGE.matcher(f.getFileName().toString()).matches())
          .sorted()
          .toList();
    }
  }

  private static List<Block> blocks() throws IOException {
    List<Block> blocks = new ArrayList<>();
    List<Path> files = new ArrayList<>(pages());
    files.add(GUIDE.resolve("README.md"));
    for (Path page : files) {
      List<String> lines = Files.readAllLines(page, StandardCharsets.UTF_8);
      for (int i = 0; i < lines.size(); i++) {
        if (!lines.get(i).startsWith("```")) {
          continue;
        }
        int end = i + 1;
        while (end < lines.size() && !lines.get(end).equals("```")) {
          end++;
        }
        assertThat(end).as("%s:%d: the code block is closed", page, i + 1).isLessThan(lines.size());
        String text = String.join("\n", lines.subList(i + 1, end)) + "\n";
        blocks.add(new Block(page, i + 1, i > 0 ? lines.get(i - 1) : "", text));
        i = end;
      }
    }
    assertThat(blocks).as("code blocks in docs/guide").isNotEmpty();
    return blocks;
  }
}
