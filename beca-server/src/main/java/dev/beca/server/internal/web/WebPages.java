package dev.beca.server.internal.web;

import dev.beca.server.internal.web.WebGui.Screen;
import dev.beca.server.internal.web.WebSessions.WebSession;
import java.util.List;

/** The GUI's two server-rendered pages: the login form and the shell the screens render into. */
final class WebPages {

  private WebPages() {}

  private static final String HEAD =
      """
      <!doctype html>
      <html lang="en">
      <head>
      <meta charset="utf-8">
      <meta name="viewport" content="width=device-width, initial-scale=1">
      <meta name="color-scheme" content="light dark">
      <link rel="icon" href="data:,">
      <link rel="stylesheet" href="/assets/app.css">
      """;

  /** The login form; {@code message} is shown as an alert when not empty. */
  static String login(String message, boolean error) {
    String note =
        message.isEmpty()
            ? ""
            : "<p id=\"login-note\" class=\"note"
                + (error ? " error" : "")
                + "\" role=\"alert\">"
                + escape(message)
                + "</p>\n";
    return HEAD
        + "<title>Log in · BECA</title>\n</head>\n<body class=\"login\">\n"
        + "<main id=\"main\">\n<h1>BECA</h1>\n"
        + "<p>Log in with an API token. Create one on the server with"
        + " <code>beca tokens create --role operator --name phone</code>.</p>\n"
        + note
        + "<form method=\"post\" action=\"/login\" class=\"stack\">\n"
        + "<label for=\"token\">Token</label>\n"
        + "<input id=\"token\" name=\"token\" type=\"password\" autocomplete=\"off\""
        + " autocapitalize=\"none\" spellcheck=\"false\" required autofocus"
        + (note.isEmpty() ? "" : " aria-describedby=\"login-note\"")
        + ">\n<button type=\"submit\">Log in</button>\n</form>\n"
        + "<p class=\"hint\">The token is kept by the server for this browser session"
        + " (a cookie the page's scripts cannot read); log out to end it.</p>\n"
        + "</main>\n</body>\n</html>\n";
  }

  /**
   * The shell: header, navigation, the main area the screens fill, and the page's settings. With
   * {@code emergencyStop} the header holds the self-improvement emergency stop on every screen.
   */
  static String shell(
      WebSession session, List<Screen> screens, String configJson, boolean emergencyStop) {
    StringBuilder nav = new StringBuilder();
    for (Screen screen : screens) {
      nav.append("<li><a href=\"#/")
          .append(screen.id())
          .append("\" data-screen=\"")
          .append(screen.id())
          .append("\">")
          .append(escape(screen.label()))
          .append("</a></li>");
    }
    return HEAD
        + "<title>BECA</title>\n"
        + "<script type=\"module\" src=\"/assets/app.js\"></script>\n</head>\n<body>\n"
        + "<a class=\"skip\" href=\"#main\">Skip to content</a>\n"
        + "<header class=\"top\">\n<span class=\"brand\">BECA</span>\n"
        + "<span class=\"who\" title=\"Logged in with this token\">"
        + escape(session.token().name())
        + " · "
        + escape(session.token().role().key())
        + "</span>\n"
        + (emergencyStop
            ? "<button type=\"button\" id=\"estop\" class=\"danger estop\""
                + " aria-describedby=\"estop-note\">Emergency stop</button>\n"
                + "<span id=\"estop-note\" class=\"estop-note\" role=\"status\"></span>\n"
            : "")
        + "<form method=\"post\" action=\"/logout\">"
        + "<input type=\"hidden\" name=\"csrf\" value=\""
        + escape(session.csrf())
        + "\"><button type=\"submit\" class=\"quiet\">Log out</button></form>\n</header>\n"
        + "<nav class=\"screens\" aria-label=\"Screens\"><ul>"
        + nav
        + "</ul></nav>\n"
        + "<main id=\"main\" tabindex=\"-1\"><p class=\"state\" role=\"status\">Loading…</p></main>\n"
        + "<script type=\"application/json\" id=\"beca-config\">"
        + configJson
        + "</script>\n</body>\n</html>\n";
  }

  /** HTML text and attribute escaping. */
  static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (char c : text.toCharArray()) {
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
