#!/usr/bin/env python3
"""Builds BECA's labelled secret-sample set from other scanners' public test suites, as data.

Reads checkouts of gitleaks, trufflehog and detect-secrets (their rule tests' positive and negative
samples, never their rules) and writes one JSON object per line: source, unit (the file the sample
came from), provider (BECA's name for the provider), label (positive or negative) and text.
Generated samples (gitleaks' secrets.NewSecret(regex)) are drawn with a fixed seed, so the set is
the same on every run. Only providers BECA has rules for are kept; the others are counted.

    python3 docs/harness/extract_secret_samples.py /work/cache/src /work/cache/secret-samples/samples.jsonl

The source folder holds gitleaks+gitleaks, trufflesecurity+trufflehog and Yelp+detect-secrets
(for example `git archive` of the fetched repositories); see docs/secrets.md.

`--set noseyparker` writes a second, separate set instead: the `examples` and `negative_examples`
of Nosey Parker's rule files (praetorian-inc+noseyparker, needs PyYAML), kept for the providers
and credential kinds BECA has rules for (NOSEY_PARKER below); the rest are counted.

    /usr/bin/python3 docs/harness/extract_secret_samples.py --set noseyparker \
        /work/cache/src /work/cache/secret-samples/noseyparker.jsonl

`--set semgrep` writes a third set: semgrep-rules' generic/secrets/security test files
(semgrep+semgrep-rules), whose `ruleid:` / `ok:` comments label the lines below them (SEMGREP below).

    python3 docs/harness/extract_secret_samples.py --set semgrep \
        /work/cache/src /work/cache/secret-samples/semgrep.jsonl
"""
import argparse
import ast
import json
import os
import random
import re
import sre_constants as C
import sre_parse
import sys

RNG = random.Random(2026)

# Source unit (file stem or detector folder) -> BECA provider. Units not listed are not covered.
GITLEAKS = {
    "aws": "aws", "gcp": "gcp", "azure": "azure", "github": "github", "gitlab": "gitlab", "slack": "slack",
    "stripe": "stripe", "twilio": "twilio", "sendgrid": "sendgrid", "mailchimp": "mailchimp", "npm": "npm",
    "pypi": "pypi", "openai": "openai", "anthropic": "anthropic", "huggingface": "huggingface", "jwt": "jwt",
    "privatekey": "private-key", "1password": "1password", "grafana": "grafana", "linear": "linear",
    "shopify": "shopify", "curl": "basic-auth",
}
TRUFFLEHOG = {
    "github": "github", "gitlab": "gitlab", "slack": "slack", "slackwebhook": "slack", "stripe": "stripe",
    "huggingface": "huggingface", "dockerhub": "docker", "tailscale": "tailscale", "vercel": "vercel",
    "grafana": "grafana", "grafanaserviceaccount": "grafana", "linearapi": "linear", "shopify": "shopify",
    "ftp": "basic-auth", "uri": "basic-auth", "privatekey": "private-key", "aws": "aws", "openai": "openai",
    "anthropic": "anthropic", "sendgrid": "sendgrid", "twilio": "twilio", "mailchimp": "mailchimp",
    "npmtoken": "npm", "npmtokenv2": "npm", "pypi": "pypi", "jwt": "jwt", "gcp": "gcp", "azure": "azure",
    "azure_entra": "azure", "azurestorage": "azure", "onepassword": "1password",
}
DETECT_SECRETS = {
    "aws_key": "aws", "azure_storage_key": "azure", "basic_auth": "basic-auth", "github_token": "github",
    "gitlab_token": "gitlab", "jwt": "jwt", "mailchimp": "mailchimp", "npm": "npm", "openai": "openai",
    "private_key": "private-key", "pypi_token": "pypi", "sendgrid": "sendgrid", "slack": "slack",
    "stripe": "stripe", "twilio": "twilio", "keyword": "generic", "high_entropy_strings": "entropy",
}

# ---- drawing a string from a regex (gitleaks' secrets.NewSecret) ------------------------------

def draw(pattern):
    return "".join(_draw(sre_parse.parse(pattern)))

def _draw(parsed):
    out = []
    for op, av in parsed:
        if op == C.LITERAL:
            out.append(chr(av))
        elif op == C.NOT_LITERAL:
            out.append("a" if chr(av) != "a" else "b")
        elif op == C.ANY:
            out.append(RNG.choice("abcdefghijklmnopqrstuvwxyz0123456789"))
        elif op == C.IN:
            out.append(_draw_in(av))
        elif op in (C.MAX_REPEAT, C.MIN_REPEAT):
            lo, hi, sub = av
            hi = lo + 16 if hi == C.MAXREPEAT else hi
            for _ in range(RNG.randint(lo, hi)):
                out.extend(_draw(sub))
        elif op == C.SUBPATTERN:
            out.extend(_draw(av[-1]))
        elif op == C.BRANCH:
            out.extend(_draw(RNG.choice(av[1])))
        elif op in (C.AT, C.GROUPREF):
            pass
        else:
            raise ValueError("cannot draw " + str(op))
    return out

def _draw_in(items):
    chars = []
    negate = False
    for op, av in items:
        if op == C.LITERAL:
            chars.append(chr(av))
        elif op == C.RANGE:
            chars.extend(chr(c) for c in range(av[0], av[1] + 1))
        elif op == C.CATEGORY:
            chars.extend({C.CATEGORY_DIGIT: "0123456789", C.CATEGORY_WORD: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_",
                          C.CATEGORY_SPACE: " "}.get(av, "x"))
        elif op == C.NEGATE:
            negate = True
    if negate:
        pool = [c for c in "abcdefghijklmnopqrstuvwxyz0123456789" if c not in chars]
        return RNG.choice(pool)
    return RNG.choice(chars)

# ---- Go source: literals and gitleaks' sample helpers ------------------------------------------

GO_HELPERS = {
    "utils.Numeric": lambda n: "[0-9]{%s}" % n, "utils.Hex": lambda n: "[a-f0-9]{%s}" % n,
    "utils.AlphaNumeric": lambda n: "[a-z0-9]{%s}" % n, "utils.AlphaNumericExtendedShort": lambda n: "[a-z0-9_-]{%s}" % n,
    "utils.AlphaNumericExtended": lambda n: "[a-z0-9=_\\-]{%s}" % n,
    "utils.AlphaNumericExtendedLong": lambda n: "[a-z0-9\\/=_\\+\\-]{%s}" % n,
    "utils.Hex8_4_4_4_12": lambda: "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}",
}
SAMPLE_FORMS = ['{i}Token = "{s}"', "{i}_token: '{s}'", '{I}_TOKEN={s}', 'String {i}Token = "{s}";',
                '{\n    "{i}_token": "{s}"\n}', "{i}Token := `{s}`"]

class Unevaluable(Exception):
    pass

class GoExpr:
    """Evaluates the small expression language of gitleaks' sample lists."""
    def __init__(self, text):
        self.t = text
        self.i = 0

    def ws(self):
        while True:
            while self.i < len(self.t) and self.t[self.i] in " \t\r\n,":
                self.i += 1
            if self.t.startswith("//", self.i):
                self.i = self.t.index("\n", self.i) if "\n" in self.t[self.i:] else len(self.t)
                continue
            return

    def items(self, close):
        """Values up to the closing bracket; unevaluable items are skipped."""
        out = []
        while True:
            self.ws()
            if self.i >= len(self.t):
                return out
            if self.t[self.i] == close:
                self.i += 1
                return out
            start = self.i
            try:
                out.extend(self.value())
            except Unevaluable:
                self.i = start
                self.skip_item(close)

    def skip_item(self, close):
        depth = 0
        while self.i < len(self.t):
            c = self.t[self.i]
            if c in "`\"":
                self.string()
                continue
            if c in "([{":
                depth += 1
            elif c in ")]}":
                if depth == 0:
                    return
                depth -= 1
            elif c == "," and depth == 0:
                self.i += 1
                return
            self.i += 1

    def value(self):
        """A list of strings (a helper may give several)."""
        vals = self.term()
        self.ws_inline()
        while self.t.startswith("+", self.i):
            self.i += 1
            self.ws_inline()
            right = self.term()
            vals = [a + b for a in vals for b in right]
            self.ws_inline()
        if self.t.startswith("...", self.i):
            self.i += 3
        return vals

    def ws_inline(self):
        while self.i < len(self.t) and self.t[self.i] in " \t\r\n":
            self.i += 1

    def term(self):
        self.ws_inline()
        c = self.t[self.i] if self.i < len(self.t) else ""
        if c in "`\"":
            return [self.string()]
        m = re.compile(r"[A-Za-z_][A-Za-z0-9_.]*").match(self.t, self.i)
        if not m:
            raise Unevaluable()
        name = m.group(0)
        self.i = m.end()
        if not self.t.startswith("(", self.i):
            raise Unevaluable()
        self.i += 1
        args = []
        while True:
            self.ws()
            if self.t.startswith(")", self.i):
                self.i += 1
                break
            args.append(self.value())
        if name in GO_HELPERS:
            return [GO_HELPERS[name](*[a[0] for a in args])]
        if name == "secrets.NewSecret":
            try:
                return [draw(args[0][0])]
            except Exception:
                raise Unevaluable()
        if name == "utils.GenerateSampleSecret":
            return ['%s_api_token = "%s"' % (args[0][0], args[1][0])]
        if name == "utils.GenerateSampleSecrets":
            ident, secret = args[0][0], args[1][0]
            return [f.replace("{i}", ident).replace("{I}", ident.upper()).replace("{s}", secret) for f in SAMPLE_FORMS]
        if name == "fmt.Sprintf":
            fmt = args[0][0]
            rest = [a[0] for a in args[1:]]
            try:
                return [re.sub(r"%[sdv]", lambda _: str(rest.pop(0)), fmt)]
            except IndexError:
                raise Unevaluable()
        if name in ("strings.Repeat",):
            raise Unevaluable()
        raise Unevaluable()

    def string(self):
        c = self.t[self.i]
        if c == "`":
            end = self.t.index("`", self.i + 1)
            s = self.t[self.i + 1:end]
            self.i = end + 1
            return s
        j = self.i + 1
        buf = []
        while self.t[j] != '"':
            if self.t[j] == "\\":
                buf.append(self.t[j:j + 2])
                j += 2
            else:
                buf.append(self.t[j])
                j += 1
        self.i = j + 1
        raw = "".join(buf)
        return raw.encode("latin-1", "backslashreplace").decode("unicode_escape") if "\\" in raw else raw


def go_sample_lists(text, names):
    """(name, strings) for each `name := []string{...}` or `name = append(name, ...)` in Go source."""
    found = []
    for m in re.finditer(r"\b(%s)\s*(?::=|=)\s*(\[\]string\{|append\(\1,|utils\.GenerateSampleSecrets\()" % "|".join(names), text):
        name, head = m.group(1), m.group(2)
        if head.startswith("utils."):
            expr = GoExpr(text[m.start(2):])
            try:
                found.append((name, expr.value()))
            except Unevaluable:
                pass
            continue
        expr = GoExpr(text)
        expr.i = m.end()
        found.append((name, expr.items("}" if head.endswith("{") else ")")))
    return found


def gitleaks(root, emit, uncovered):
    rules = os.path.join(root, "gitleaks+gitleaks/cmd/generate/config/rules")
    for name in sorted(os.listdir(rules)):
        if not name.endswith(".go") or name.endswith("_test.go"):
            continue
        stem = name[:-3]
        text = open(os.path.join(rules, name), encoding="utf-8").read()
        provider = GITLEAKS.get(stem)
        for list_name, values in go_sample_lists(text, ["tps", "fps", "truePositives", "falsePositives"]):
            label = "positive" if list_name in ("tps", "truePositives") else "negative"
            for v in values:
                if provider:
                    emit("gitleaks", "cmd/generate/config/rules/" + name, provider, label, v)
                else:
                    uncovered["gitleaks:" + stem] = uncovered.get("gitleaks:" + stem, 0) + 1


def trufflehog(root, emit, uncovered):
    detectors = os.path.join(root, "trufflesecurity+trufflehog/pkg/detectors")
    for folder in sorted(os.listdir(detectors)):
        path = os.path.join(detectors, folder)
        if not os.path.isdir(path):
            continue
        provider = TRUFFLEHOG.get(folder)
        for dirpath, _, files in os.walk(path):
            for f in sorted(files):
                if not f.endswith("_test.go") or "integration" in f:
                    continue
                text = open(os.path.join(dirpath, f), encoding="utf-8").read()
                rel = os.path.relpath(os.path.join(dirpath, f), os.path.join(root, "trufflesecurity+trufflehog"))
                for m in re.finditer(r"^\s*((?:in)?valid[A-Za-z0-9_]*)\s*=\s*(?=[`\"])", text, re.M):
                    expr = GoExpr(text)
                    expr.i = m.end()
                    try:
                        values = expr.value()
                    except Exception:
                        continue
                    label = "negative" if m.group(1).lower().startswith("invalid") else "positive"
                    for v in values:
                        if not provider:
                            uncovered["trufflehog:" + folder] = uncovered.get("trufflehog:" + folder, 0) + 1
                            continue
                        # As trufflehog's own tests do: a bare token is given its detector's keyword.
                        sample = v if ("\n" in v or len(v) > 400) else "%s %s" % (folder, v)
                        emit("trufflehog", rel, provider, label, sample)


def detect_secrets(root, emit, uncovered):
    tests = os.path.join(root, "Yelp+detect-secrets/tests/plugins")
    for f in sorted(os.listdir(tests)):
        if not f.endswith("_test.py"):
            continue
        stem = f[:-len("_test.py")]
        provider = DETECT_SECRETS.get(stem)
        tree = ast.parse(open(os.path.join(tests, f), encoding="utf-8").read())
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and getattr(node.func, "attr", "") == "parametrize"):
                continue
            if len(node.args) < 2 or not isinstance(node.args[1], (ast.List, ast.Tuple)):
                continue
            for case in node.args[1].elts:
                if not isinstance(case, ast.Tuple):
                    continue
                try:
                    values = [ast.literal_eval(e) for e in case.elts]
                except Exception:
                    continue
                texts = [v for v in values if isinstance(v, str)]
                flags = [v for v in values if isinstance(v, bool)]
                if len(texts) != 1 or len(flags) != 1 or "{secret}" in texts[0]:
                    continue  # "{secret}" is a format string their test fills in
                if not provider:
                    uncovered["detect-secrets:" + stem] = uncovered.get("detect-secrets:" + stem, 0) + 1
                    continue
                emit("detect-secrets", "tests/plugins/" + f, provider, "positive" if flags[0] else "negative", texts[0])


# ---- the providers' documented token formats ---------------------------------------------------
# (provider, documented shape as a regex to draw from, where the format is documented). Each is
# drawn 5 times and placed in the contexts below; the negatives are true templates, which no
# scanner should report.
DOCUMENTED = [
    ("github", r"ghs_[A-Za-z0-9]{36}", "docs.github.com: authentication / token formats (ghs_ installation tokens)"),
    ("github", r"ghs_[A-Za-z0-9_]{60,120}\.[A-Za-z0-9_-]{40,80}", "github.blog changelog 2025: longer, JWT-bearing installation tokens"),
    ("slack", r"xapp-1-A[A-Z0-9]{10}-[0-9]{13}-[a-f0-9]{64}", "api.slack.com/authentication/token-types (app-level tokens)"),
    ("slack", r"xoxb-[0-9]{11}-[0-9]{13}-[A-Za-z0-9]{24}", "api.slack.com/authentication/token-types (bot tokens)"),
    ("stripe", r"rk_live_[A-Za-z0-9]{99}", "docs.stripe.com/keys (restricted keys)"),
    ("stripe", r"sk_test_[A-Za-z0-9]{99}", "docs.stripe.com/keys (test mode secret keys)"),
    ("stripe", r"rk_test_[A-Za-z0-9]{24}", "docs.stripe.com/keys (restricted test keys)"),
    ("huggingface", r"hf_[A-Za-z0-9]{34}", "huggingface.co/docs/hub/security-tokens"),
    ("1password", r"ops_eyJ[A-Za-z0-9+/]{400}", "developer.1password.com/docs/service-accounts (service account tokens)"),
    ("docker", r"dckr_pat_[A-Za-z0-9_-]{27}", "docs.docker.com/security/for-developers/access-tokens"),
    ("docker", r"dckr_oat_[A-Za-z0-9_-]{32}", "docs.docker.com/security/for-admins/access-tokens (organization tokens)"),
    ("grafana", r"glc_eyJ[A-Za-z0-9+/]{120}={0,2}", "grafana.com/docs/grafana-cloud/account-management/authentication-and-permissions/access-policies"),
    ("grafana", r"glsa_[A-Za-z0-9]{32}_[a-f0-9]{8}", "grafana.com/docs/grafana/latest/administration/service-accounts"),
    ("linear", r"lin_api_[A-Za-z0-9]{40}", "linear.app/developers (personal API keys)"),
    ("shopify", r"shpat_[a-f0-9]{32}", "shopify.dev/docs/apps/auth (admin API access tokens)"),
    ("shopify", r"shpss_[a-f0-9]{32}", "shopify.dev/docs/apps/auth (shared secrets)"),
    ("tailscale", r"tskey-api-k[A-Za-z0-9]{10}CNTRL-[A-Za-z0-9]{32}", "tailscale.com/kb/1085/auth-keys, /kb/1101/api"),
    ("tailscale", r"tskey-auth-k[A-Za-z0-9]{10}CNTRL-[A-Za-z0-9]{32}", "tailscale.com/kb/1085/auth-keys"),
    ("tailscale", r"tskey-client-k[A-Za-z0-9]{10}CNTRL-[A-Za-z0-9]{32}", "tailscale.com/kb/1215/oauth-clients"),
    ("tailscale", r"tskey-scim-k[A-Za-z0-9]{10}CNTRL-[A-Za-z0-9]{32}", "tailscale.com/kb/1180/sso-okta-scim"),
    ("tailscale", r"tskey-webhook-k[A-Za-z0-9]{10}CNTRL-[A-Za-z0-9]{32}", "tailscale.com/kb/1213/webhooks"),
    ("vercel", r"vcp_[A-Za-z0-9]{56}", "vercel.com/changelog: prefixed tokens (vcp_ personal)"),
    ("vercel", r"vci_[A-Za-z0-9]{56}", "vercel.com/changelog: prefixed tokens (vci_ integration)"),
    ("crypto", r"(?:0x)?[a-f0-9]{64}", "secp256k1 private key: 32 bytes in hex (Ethereum, dotenvx private keys)"),
    ("basic-auth", r"ftp://deploy:[A-Za-z0-9!%*]{14}@ftp\.example\.org/upload", "RFC 1738 / RFC 3986 user-info"),
    ("basic-auth", r"ftps://backup:[A-Za-z0-9]{16}@files\.example\.net", "RFC 4217 / RFC 3986 user-info"),
    ("basic-auth", r"https://ci:[A-Za-z0-9]{20}@registry\.example\.com/v2/", "RFC 3986 user-info"),
]
CONTEXTS = ['TOKEN={s}', 'token: "{s}"', 'client = Client(api_key="{s}")', '{"credentials": "{s}"}',
            'See [the mirror]({s}) for details.']
CRYPTO_CONTEXTS = ['PRIVATE_KEY={s}', 'wallet_private_key: "{s}"', 'DOTENV_PRIVATE_KEY="{s}"',
                   'const signerKey = "{s}";', 'deployer_key = {s}']
TEMPLATES = ['TOKEN=${{{P}_TOKEN}}', 'token: "{{{{ {p}_token }}}}"', 'api_key = "<your-{p}-token>"',
             'token = os.environ["{P}_TOKEN"]', 'url = "ftp://{{user}}:{{password}}@host/"']


def documented(emit):
    for provider, shape, where in DOCUMENTED:
        contexts = CRYPTO_CONTEXTS if provider == "crypto" else CONTEXTS
        for i in range(5):
            emit("docs", where, provider, "positive", contexts[i % len(contexts)].replace("{s}", draw(shape)))
    for provider in sorted({d[0] for d in DOCUMENTED}):
        for t in TEMPLATES:
            emit("docs", "templates", provider, "negative", t.format(p=provider, P=provider.upper()))


# ---- Nosey Parker's rule examples (a separate set) -----------------------------------------------
# Rule id -> BECA provider, for credentials of the providers and kinds BECA has rules for. Rules not
# listed are left out and counted: other providers' credentials, and NOT_SECRETS, identifiers that
# Nosey Parker reports but that are no credential (account ids, client ids, bucket names, ARNs,
# shop domains), which BECA does not look for by design.
NOSEY_PARKER = {
    "np.anthropic.1": "anthropic",
    "np.aws.1": "aws", "np.aws.2": "aws", "np.aws.4": "aws", "np.aws.6": "aws", "np.appsync.1": "aws",
    "np.azure.1": "azure", "np.azure.2": "azure", "np.azure.3": "azure", "np.azure.4": "azure",
    "np.dockerhub.1": "docker",
    "np.github.1": "github", "np.github.2": "github", "np.github.3": "github", "np.github.4": "github",
    "np.github.6": "github", "np.github.7": "github",
    "np.gitlab.1": "gitlab", "np.gitlab.2": "gitlab", "np.gitlab.3": "gitlab",
    "np.google.2": "gcp", "np.google.3": "gcp", "np.google.4": "gcp", "np.google.5": "gcp", "np.google.6": "gcp",
    "np.grafana.1": "grafana", "np.grafana.2": "grafana", "np.grafana.3": "grafana",
    "np.huggingface.1": "huggingface", "np.jwt.1": "jwt", "np.mailchimp.1": "mailchimp", "np.npm.1": "npm",
    "np.openai.1": "openai", "np.pem.1": "private-key", "np.pem.2": "private-key", "np.pypi.1": "pypi",
    "np.sendgrid.1": "sendgrid", "np.shopify.2": "shopify", "np.shopify.3": "shopify", "np.shopify.4": "shopify",
    "np.shopify.5": "shopify", "np.stripe.1": "stripe", "np.stripe.2": "stripe", "np.twilio.1": "twilio",
    "np.slack.2": "slack", "np.slack.3": "slack", "np.slack.4": "slack", "np.slack.5": "slack", "np.slack.6": "slack",
    # credential kinds BECA has rules for: URL user-info, Basic/Bearer headers, .netrc, connection
    # strings, and secrets assigned to secret-named settings (generic-secret-assignment)
    "np.http.1": "basic-auth", "np.netrc.1": "basic-auth", "np.mongodb.1": "basic-auth",
    "np.postgres.1": "basic-auth", "np.http.2": "bearer", "np.odbc.1": "connection-string",
    "np.jwt.2": "generic", "np.jwt.3": "generic",
    **{"np.generic.%d" % i: "generic" for i in range(1, 17)},
}
NOT_SECRETS = {"np.aws.3", "np.s3.1", "np.s3.2", "np.arn.1", "np.github.5", "np.google.1", "np.gcs.1",
               "np.gcs.2", "np.shopify.1", "np.age.1", "np.mapbox.1"}


def np_pattern(text):
    """Nosey Parker's pattern (Rust regex syntax, mostly free-spacing) as a Python regex, or None."""
    try:
        return re.compile(text.replace("\\x{", "\\u{").replace("\\z", "\\Z"))
    except re.error:
        return None


def noseyparker(root, emit, uncovered, relabelled):
    """Emits the covered rules' examples and negative examples.

    Nosey Parker lists negative examples per rule: a token of another kind is a negative of the rule
    it is listed under (a Slack user token under the bot-token rule). Such a negative is no
    "no secret" sample, so a negative of one rule is left out (and counted) when it is also an
    example of another Nosey Parker rule whose kind BECA covers, or when the published pattern of
    another covered rule of a definite shape (not a `generic` one: those match any value assigned to
    a secret-named setting, placeholders such as `aaaa...end` included) matches it. The patterns
    only label the data; they are never BECA's rules.
    """
    import yaml  # only this set needs PyYAML
    base = "praetorian-inc+noseyparker/crates/noseyparker/data/default/builtin/rules"
    rules_dir = os.path.join(root, base)
    rules = []
    for name in sorted(os.listdir(rules_dir)):
        if name.endswith(".yml"):
            for rule in yaml.safe_load(open(os.path.join(rules_dir, name), encoding="utf-8")).get("rules") or []:
                rules.append((name, rule))
    covered = [(r["id"], set(r.get("examples") or []), np_pattern(r.get("pattern") or ""))
               for _, r in rules if r["id"] in NOSEY_PARKER]
    relabelled["uncompiled patterns"] = sum(1 for _, _, p in covered if p is None)

    def credential_of_another_rule(rule_id, text):
        for other, examples, pattern in covered:
            if other == rule_id:
                continue
            if text in examples:
                return "example of " + other
            if pattern is not None and NOSEY_PARKER[other] != "generic" and pattern.search(text):
                return "matched by " + other
        return None

    for name, rule in rules:
        provider = NOSEY_PARKER.get(rule["id"])
        for key, label in (("examples", "positive"), ("negative_examples", "negative")):
            for v in rule.get(key) or []:
                if not provider:
                    kind = "not-a-secret" if rule["id"] in NOT_SECRETS else "other"
                    uncovered["noseyparker:%s:%s" % (kind, rule["id"])] = uncovered.get(
                        "noseyparker:%s:%s" % (kind, rule["id"]), 0) + 1
                    continue
                why = credential_of_another_rule(rule["id"], v) if label == "negative" else None
                if why:
                    relabelled.setdefault("negatives left out", []).append("%s: %s (%s)" % (rule["id"], why, v[:70]))
                    continue
                emit("noseyparker", "%s/%s#%s" % (base.split("/", 1)[1], name, rule["id"]), provider, label, v)


# ---- semgrep-rules' secrets tests (a third set) --------------------------------------------------
# generic/secrets/security/*: each test file marks the sample below a `ruleid: RULE` comment as a
# finding and below `ok: RULE` as none. Rule -> BECA provider; rules not listed are counted.
SEMGREP = {
    "detected-aws-access-key-id-value": "aws", "detected-aws-secret-access-key": "aws",
    "detected-aws-session-token": "aws", "detected-aws-appsync-graphql-key": "aws",
    "detected-generic-api-key": "generic", "detected-generic-secret": "generic",
    "detected-github-token": "github",
    "detected-google-api-key": "gcp", "detected-google-cloud-api-key": "gcp", "google-maps-apikeyleak": "gcp",
    "detected-google-gcm-service-account": "gcp", "detected-google-oauth-access-token": "gcp",
    "detected-jwt-token": "jwt", "detected-mailchimp-api-key": "mailchimp",
    "detected-npm-registry-auth-token": "npm",
    "detected-private-key": "private-key", "detected-pgp-private-key-block": "private-key",
    "detected-sendgrid-api-key": "sendgrid", "detected-slack-token": "slack", "detected-slack-webhook": "slack",
    "detected-stripe-api-key": "stripe", "detected-stripe-restricted-api-key": "stripe",
    "detected-twilio-api-key": "twilio", "detected-username-and-password-in-uri": "basic-auth",
    "detected-ssh-password": "command-line",
}
# identifiers and hashes, no credential: AWS account ids, Google OAuth client ids, password hashes
SEMGREP_NOT_SECRETS = {"detected-aws-account-id", "detected-google-oauth-url", "detected-bcrypt-hash",
                       "detected-etc-shadow"}
SEMGREP_ANNOTATION = re.compile(r"^\s*(?:#|//|<!--)\s*(ruleid|ok)\s*:\s*([\w.,\s-]+?)\s*(?:-->)?\s*$")


def semgrep_samples(text):
    """(label, rule, sample) for each annotation: the lines below it up to a blank line or the next one."""
    lines = text.split("\n")
    for i, line in enumerate(lines):
        m = SEMGREP_ANNOTATION.match(line)
        if not m:
            continue
        body = []
        for nxt in lines[i + 1:]:
            if not nxt.strip() or SEMGREP_ANNOTATION.match(nxt):
                break
            body.append(nxt)
        for rule in re.split(r"[,\s]+", m.group(2).strip()):
            if rule and body:
                yield ("positive" if m.group(1) == "ruleid" else "negative"), rule, "\n".join(body)


def semgrep(root, emit, uncovered, relabelled):
    """Emits semgrep-rules' secrets test samples; a negative of one rule that is a positive of another is left out."""
    base = "semgrep+semgrep-rules/generic/secrets/security"
    folder = os.path.join(root, base)
    samples = []
    for name in sorted(os.listdir(folder)):
        if name.endswith((".yaml", ".yml")):
            continue
        with open(os.path.join(folder, name), encoding="utf-8") as f:
            samples += [(name, label, rule, v) for label, rule, v in semgrep_samples(f.read())]
    positives = {(v, rule) for _, label, rule, v in samples if label == "positive" and rule in SEMGREP}
    for name, label, rule, v in samples:
        provider = SEMGREP.get(rule)
        if not provider:
            kind = "not-a-secret" if rule in SEMGREP_NOT_SECRETS else "other"
            uncovered["semgrep:%s:%s" % (kind, rule)] = uncovered.get("semgrep:%s:%s" % (kind, rule), 0) + 1
            continue
        if label == "negative" and any(t == v and r != rule for t, r in positives):
            relabelled.setdefault("negatives left out", []).append("%s: positive of another rule (%s)" % (rule, v[:70]))
            continue
        emit("semgrep", "%s/%s#%s" % (base.split("/", 1)[1], name, rule), provider, label, v)


def main():
    parser = argparse.ArgumentParser(description="Builds a labelled secret-sample set as JSON lines.")
    parser.add_argument("--set", choices=["main", "noseyparker", "semgrep"], default="main",
                        help="main: gitleaks, trufflehog, detect-secrets and documented formats; "
                             "noseyparker: Nosey Parker's rule examples, a second set; "
                             "semgrep: semgrep-rules' secrets tests, a third set")
    parser.add_argument("src")
    parser.add_argument("out")
    args = parser.parse_args()
    src, out = args.src, args.out
    os.makedirs(os.path.dirname(out), exist_ok=True)
    seen = set()
    counts = {}
    uncovered = {}
    relabelled = {}
    with open(out, "w", encoding="utf-8") as w:
        def emit(source, unit, provider, label, text):
            if not text.strip() or (provider, label, text) in seen:
                return
            seen.add((provider, label, text))
            counts[(source, label)] = counts.get((source, label), 0) + 1
            w.write(json.dumps({"source": source, "unit": unit, "provider": provider, "label": label, "text": text}) + "\n")
        if args.set == "noseyparker":
            noseyparker(src, emit, uncovered, relabelled)
        elif args.set == "semgrep":
            semgrep(src, emit, uncovered, relabelled)
        else:
            gitleaks(src, emit, uncovered)
            trufflehog(src, emit, uncovered)
            detect_secrets(src, emit, uncovered)
            documented(emit)
    for k in sorted(counts):
        print("%-16s %-8s %5d" % (k[0], k[1], counts[k]))
    not_secrets = {k: v for k, v in uncovered.items() if ":not-a-secret:" in k}
    print("samples of providers BECA has no rule for (left out): %d in %d units"
          % (sum(uncovered.values()) - sum(not_secrets.values()), len(uncovered) - len(not_secrets)))
    if not_secrets:
        print("samples of identifiers that are no secret (left out): %d in %d rules"
              % (sum(not_secrets.values()), len(not_secrets)))
    left_out = relabelled.get("negatives left out", [])
    if left_out:
        print("negatives that are credentials of another covered rule (left out): %d" % len(left_out))
        for line in left_out:
            print("  " + line)
    if relabelled.get("uncompiled patterns"):
        print("covered rules whose pattern Python cannot compile (examples still used): %d"
              % relabelled["uncompiled patterns"])


if __name__ == "__main__":
    main()
