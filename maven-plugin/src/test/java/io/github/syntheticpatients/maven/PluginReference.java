package io.github.syntheticpatients.maven;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Renders the README's goal and property reference from the built plugin descriptor ({@code
 * META-INF/maven/plugin.xml}), so the README can be checked against, and regenerated from, the
 * code.
 */
final class PluginReference {
  static final String START = "<!-- synthetic-plugin-reference:start -->";
  static final String END = "<!-- synthetic-plugin-reference:end -->";
  private static final Pattern PROPERTY = Pattern.compile("\\$\\{(synthetic\\.[A-Za-z.-]+)}");

  record Parameter(
      String name, String property, String type, String defaultValue, String description) {}

  record Goal(
      String name,
      String phase,
      boolean requiresProject,
      String description,
      List<Parameter> parameters) {}

  private PluginReference() {}

  static List<Goal> read(Path descriptor) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    Document document = factory.newDocumentBuilder().parse(descriptor.toFile());
    Map<String, Goal> goals = new TreeMap<>();
    NodeList mojos = document.getElementsByTagName("mojo");
    for (int i = 0; i < mojos.getLength(); i++) {
      Element mojo = (Element) mojos.item(i);
      String goal = text(mojo, "goal");
      Map<String, Element> configuration = new TreeMap<>();
      Element config = child(mojo, "configuration");
      if (config != null) {
        for (Node n = config.getFirstChild(); n != null; n = n.getNextSibling()) {
          if (n instanceof Element e) {
            configuration.put(e.getTagName(), e);
          }
        }
      }
      List<Parameter> parameters = new ArrayList<>();
      Element params = child(mojo, "parameters");
      for (Node n = params == null ? null : params.getFirstChild();
          n != null;
          n = n.getNextSibling()) {
        if (!(n instanceof Element parameter) || !"true".equals(text(parameter, "editable"))) {
          continue;
        }
        String name = text(parameter, "name");
        Element value = configuration.get(name);
        String property = null;
        String defaultValue = null;
        if (value != null) {
          Matcher m = PROPERTY.matcher(value.getTextContent());
          property = m.find() ? m.group(1) : null;
          defaultValue =
              value.hasAttribute("default-value") ? value.getAttribute("default-value") : null;
        }
        parameters.add(
            new Parameter(
                name,
                property,
                simpleType(text(parameter, "type")),
                defaultValue,
                text(parameter, "description")));
      }
      goals.put(
          goal,
          new Goal(
              goal,
              text(mojo, "phase"),
              !"false".equals(text(mojo, "requiresProject")),
              text(mojo, "description"),
              parameters));
    }
    return List.copyOf(goals.values());
  }

  /** The Markdown block between (and including) the markers. */
  static String render(List<Goal> goals) {
    StringBuilder md = new StringBuilder();
    md.append(START).append('\n');
    md.append(
        "<!-- Generated from the plugin descriptor by ReadmeReferenceTest; edit the Mojo Javadoc, then run\n");
    md.append(
        "     mvn -pl maven-plugin -am test -Dtest=ReadmeReferenceTest -Dsurefire.failIfNoSpecifiedTests=false -Dsynthetic.readme.update=true -->\n\n");
    md.append("| Goal | Default phase | Needs a pom.xml | Description |\n|---|---|---|---|\n");
    for (Goal goal : goals) {
      md.append("| `synthetic:")
          .append(goal.name())
          .append("` | ")
          .append(goal.phase() == null ? "—" : "`" + goal.phase() + "`")
          .append(" | ")
          .append(goal.requiresProject() ? "yes" : "no")
          .append(" | ")
          .append(cell(firstSentence(goal.description())))
          .append(" |\n");
    }
    for (Goal goal : goals) {
      List<Parameter> documented =
          goal.parameters().stream().filter(p -> p.property() != null).toList();
      if (documented.isEmpty()) {
        continue;
      }
      md.append("\n#### `synthetic:").append(goal.name()).append("`\n\n");
      md.append(cell(goal.description())).append("\n\n");
      md.append("| Property | Type | Default | Description |\n|---|---|---|---|\n");
      for (Parameter p : documented) {
        md.append("| `")
            .append(p.property())
            .append("` (`<")
            .append(p.name())
            .append(">`) | ")
            .append(p.type())
            .append(" | ")
            .append(p.defaultValue() == null ? "—" : "`" + p.defaultValue() + "`")
            .append(" | ")
            .append(cell(p.description()))
            .append(" |\n");
      }
    }
    md.append('\n').append(END);
    return md.toString();
  }

  private static String firstSentence(String text) {
    int end = text.indexOf(". ");
    return end < 0 ? text : text.substring(0, end + 1);
  }

  private static String cell(String text) {
    return text.replace("\r", "")
        .replaceAll("\\s*\\n\\s*", " ")
        .replace("|", "\\|")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .strip();
  }

  private static String simpleType(String type) {
    return type.substring(type.lastIndexOf('.') + 1);
  }

  private static Element child(Element parent, String tag) {
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && e.getTagName().equals(tag)) {
        return e;
      }
    }
    return null;
  }

  private static String text(Element parent, String tag) {
    Element e = child(parent, tag);
    return e == null ? null : e.getTextContent().strip();
  }
}
