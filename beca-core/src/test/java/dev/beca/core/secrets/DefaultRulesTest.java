package dev.beca.core.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.beca.core.testkit.DummySecrets;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each default rule finds its own true-positive sample and stays silent on its near-miss
 * false-positive samples. All secrets are synthetic, generated at run time.
 */
class DefaultRulesTest {

  private static final DummySecrets SECRETS = new DummySecrets(6);
  private static final SecretScanner SCANNER = SecretScanner.standard();

  /** rule id, a line with a secret, the secret, lines that must not be reported. */
  record Sample(String ruleId, String line, String secret, List<String> clean) {}

  static List<Sample> samples() {
    DummySecrets s = SECRETS;
    String aws = s.awsAccessKeyId();
    String awsSecret = s.awsSecretAccessKey();
    String gcp = s.gcpApiKey();
    String pem = s.privateKeyPem("RSA");
    String gcpPem = s.privateKeyPem("").replace("\n", "\\n");
    String azure = s.azureAccountKey();
    String azureSas = s.azureSharedAccessKey();
    String sig = s.base64(43) + "%3D";
    String ghp = s.githubPat();
    String fine = s.githubFineGrainedPat();
    String gho = s.githubOauthToken();
    String ghs = s.githubAppToken();
    String ghr = s.githubRefreshToken();
    String glpat = s.gitlabToken();
    String slack = s.slackBotToken();
    String webhook = s.slackWebhookUrl();
    String webhookSecret = webhook.substring(webhook.indexOf("services/") + "services/".length());
    String stripe = s.stripeSecretKey();
    String twilio = s.twilioApiKey();
    String twilioToken = s.hex(32);
    String sendgrid = s.sendgridApiKey();
    String mailchimp = s.mailchimpApiKey();
    String npm = s.npmToken();
    String pypi = s.pypiToken();
    String anthropic = s.anthropicKey();
    String openai = s.openAiKey();
    String openaiProject = "sk-" + "proj-" + s.urlSafe(60);
    String hf = s.huggingFaceToken();
    String jwt = s.jwt();
    String urlPassword = s.password(14);
    String dbPassword = s.alnum(16);
    String generic = s.password(20);
    String envSecret = s.alnum(24);
    String b64 = s.base64(44);
    String hex = s.hex(40);
    String[] jwtParts = jwt.split("\\.");
    String bedrock = "ABSK" + s.base64(132);
    String entra = s.alnum(3) + s.digits(1) + "Q~" + s.alnum(34);
    String ghsLong = "ghs_" + s.alnum(40) + "_" + s.urlSafe(60) + "." + s.urlSafe(40);
    String xapp = "xapp-1-A" + s.alnum(10).toUpperCase() + "-" + s.digits(13) + "-" + s.hex(64);
    String whsec = "whsec_" + s.alnum(32);
    String npmrc = s.alnum(8) + "-" + s.alnum(4) + "-" + s.alnum(4) + "-" + s.alnum(12);
    String ops = "ops_eyJ" + s.base64(300);
    String a3 =
        "A3-"
            + s.alnum(6).toUpperCase()
            + "-"
            + s.alnum(11).toUpperCase()
            + "-"
            + s.alnum(5).toUpperCase()
            + "-"
            + s.alnum(5).toUpperCase()
            + "-"
            + s.alnum(5).toUpperCase();
    String docker = "dckr_pat_" + s.urlSafe(27);
    String glc = "glc_eyJ" + s.base64(100);
    String glsa = "glsa_" + s.alnum(32) + "_" + s.hex(8);
    String grafanaKey = "eyJrIjoi" + s.base64(60);
    String linear = "lin_api_" + s.alnum(40);
    String shopify = "shpat_" + s.hex(32);
    String tailscale = "tskey-auth-k" + s.alnum(10) + "CNTRL-" + s.alnum(33);
    String vercel = "vcp_" + s.alnum(56);
    String vercelLegacy = s.alnum(24);
    String pemBody =
        pem.lines()
            .filter(l -> !l.startsWith("-----"))
            .reduce((a, b) -> a + "\n" + b)
            .orElseThrow();
    String pemHead = pem.lines().findFirst().orElseThrow();
    String pemFirstBody = pemBody.substring(0, pemBody.indexOf('\n'));
    String ethKey = "0x" + s.hex(64);
    String wif = "5HueCGU8rMjxEXxiPuD5BDku4MkFqeZyd4dZ1jvhTVqvbTLvyTJ";
    String curlPassword = s.password(14);
    // API keys sent in headers are often UUIDs (Octopus, Heroku).
    String headerKey = java.util.UUID.nameUUIDFromBytes(s.hex(16).getBytes()).toString();
    String basic =
        java.util.Base64.getEncoder()
            .encodeToString(
                ("svc:" + s.alnum(18)).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    String bearer = s.urlSafe(40);
    // An encrypted JWT (JWE compact form, direct encryption: empty encrypted key), as NextAuth.js
    // session cookies are.
    String jwe =
        java.util.Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(
                    "{\"alg\":\"dir\",\"enc\":\"A256GCM\"}"
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8))
            + ".."
            + s.urlSafe(16)
            + "."
            + s.urlSafe(120)
            + "."
            + s.urlSafe(22);
    String optionPassword = s.alnum(16) + "7";
    String npmAuth =
        java.util.Base64.getEncoder()
            .encodeToString(
                ("ci:" + s.alnum(18)).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    String netrcPassword = s.password(16);
    String dockerAuth =
        java.util.Base64.getEncoder()
            .encodeToString(
                ("robot:" + s.alnum(20)).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    // Okta API tokens: 42 characters starting 00, sent as "Authorization: SSWS <token>".
    String ssws = "00" + s.alnum(38) + "3x";
    // GitLab's older personal access tokens: 20 characters, sent in a PRIVATE-TOKEN header.
    String privateToken = s.alnum(18) + "4Q";
    // GitLab deploy tokens: "gldt-" and 20 characters, the shortest documented GitLab token.
    String gitlabDeployToken = "gldt-" + s.alnum(18) + "7Q";
    // An API key as curl's user name with an empty password, as in Stripe's API reference.
    String curlKey = s.alnum(22) + "8k";
    // Azure DevOps PATs: 84 characters, AZDO at 77-80; the older ones 52 lower case base32.
    String azdoPat = s.alnum(74) + "7q" + "AZDO" + s.alnum(3) + "x";
    String azdoLegacyPat = s.from("abcdefghijklmnopqrstuvwxyz234567", 51) + "q";
    String appConfigSecret = s.base64(43) + "=";
    String googleAccessToken = "ya29." + s.urlSafe(120);
    String pemBase64 =
        java.util.Base64.getEncoder()
            .encodeToString(pem.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    String certificateBase64 =
        java.util.Base64.getEncoder()
            .encodeToString(
                ("-----BEGIN CERTIFICATE-----\n" + s.base64(64) + "\n-----END CERTIFICATE-----\n")
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    String networkPassword = s.alnum(18) + "3k";
    String netrcLinesPassword = s.password(16);
    String urlPasswordWithAt = s.alnum(8) + "@" + s.digits(5) + ")";
    return List.of(
        new Sample(
            "basic-auth-command-line-key",
            "curl https://api.example.com/v1/charges -u \"" + curlKey + ":\"",
            curlKey,
            List.of(
                "curl -u admin: https://x",
                "curl -u \"$API_KEY:\" https://x",
                "curl -u {api_key}: https://x",
                "curl -u " + s.alnum(5) + "1: https://x")),
        new Sample(
            "basic-auth-command-line-key",
            "curl --user " + curlKey + ": https://api.example.com/v1/customers",
            curlKey,
            List.of("curl --user elastic: https://localhost:9200")),
        new Sample(
            "basic-auth-command-line",
            "curl -uadmin:" + curlPassword + " https://api.internal/x",
            curlPassword,
            List.of("curl -uadmin:$PASSWORD https://x", "ls -ul /tmp")),
        new Sample(
            "basic-auth-command-line",
            "curl -U proxyuser:" + curlPassword + " -x http://proxy.internal:3128 https://x",
            curlPassword,
            List.of("curl -U proxyuser:${PROXY_PASSWORD} https://x")),
        new Sample(
            "command-line-password",
            "wget --user=deploy --password=" + optionPassword + " ftp://files.internal/a.tgz",
            optionPassword,
            List.of(
                "wget --user=deploy --password=$FTP_PASSWORD ftp://files.internal/a.tgz",
                "docker login --username ci --password-stdin < token.txt",
                "wget --ask-password --user=deploy ftp://x",
                "mysql --password=<password> -u root")),
        new Sample(
            "command-line-password",
            "wget --http-password '" + optionPassword + "' https://files.internal/a.tgz",
            optionPassword,
            List.of("wget --http-password \"${HTTP_PASSWORD}\" https://x")),
        new Sample(
            "npm-auth",
            "//npm.internal.example.net/:_auth=" + npmAuth,
            npmAuth,
            List.of(
                "//npm.internal.example.net/:_auth=${NPM_AUTH}",
                "//registry.npmjs.org/:_password=\"${NPM_PASSWORD}\"",
                // JavaScript building the line: the value is code, not the rest of an .npmrc line
                "\"//localhost:1337/:_password = \"+new Buffer(\"feast\").toString(\"base64\")")),
        new Sample(
            "npm-auth-unscoped",
            "_auth = " + npmAuth,
            npmAuth,
            List.of("basic_auth = " + npmAuth, "_auth=${NPM_AUTH}")),
        new Sample(
            "netrc-password",
            "machine api.internal.example.net\n  login ci\n  password " + netrcLinesPassword,
            netrcLinesPassword,
            List.of(
                "machine api.internal.example.net\n  login ci\n  password $NETRC_PASSWORD",
                "login\nplease type your password below")),
        new Sample(
            "netrc-password",
            "default login anonymous password " + netrcLinesPassword,
            netrcLinesPassword,
            List.of("default login page: /signin")),
        new Sample(
            "azure-devops-pat",
            "AZURE_DEVOPS_EXT_PAT=" + azdoPat,
            azdoPat,
            List.of("run the AZDO pipeline", "AZDO_PAT=${AZDO_PAT}", s.alnum(84))),
        new Sample(
            "azure-devops-pat-legacy",
            "ado_pat = \"" + azdoLegacyPat + "\"",
            azdoLegacyPat,
            List.of(
                "ado_pat = \"${ADO_PAT}\"",
                "tornado_version = \"6.4\"",
                "commit: " + s.from("abcdefghijklmnopqrstuvwxyz234567", 52))),
        new Sample(
            "azure-app-configuration-connection-string",
            "Endpoint=https://appcs-demo.azconfig.io;Id=Ab1c-l9-s0:"
                + s.alnum(20)
                + ";Secret="
                + appConfigSecret,
            appConfigSecret,
            List.of(
                "Endpoint=https://appcs-demo.azconfig.io;Id=<id>;Secret=<secret>",
                "Endpoint=https://appcs-demo.azconfig.io")),
        new Sample(
            "gcp-oauth-access-token",
            "\"access_token\" : \"" + googleAccessToken + "\",",
            googleAccessToken,
            List.of("tokens start with ya29.", "ya29.${GOOGLE_ACCESS_TOKEN}")),
        new Sample(
            "private-key-base64",
            "PRIVATE_KEY_B64=" + pemBase64,
            pemBase64,
            List.of("certificate-authority-data: " + certificateBase64, "prefix LS0tLS1CRUdJTi")),
        new Sample(
            "dotnet-credential-constructor",
            "client.Credentials = new NetworkCredential(\"ci@example.com\", \""
                + networkPassword
                + "\");",
            networkPassword,
            List.of(
                "client.Credentials = new NetworkCredential(\"ci@example.com\", password);",
                "new NetworkCredential(\"ci\", \"${SMTP_PASSWORD}\")")),
        new Sample(
            "dotnet-credential-constructor",
            "var entry = new DirectoryEntry(\"LDAP://dc.example.com\", \"EXAMPLE\\\\svc\", \""
                + networkPassword
                + "\");",
            networkPassword,
            List.of("var entry = new DirectoryEntry(\"LDAP://dc.example.com\");")),
        new Sample(
            "url-credentials",
            "uri: 'mongodb+srv://app:" + urlPasswordWithAt + "@cluster0.example.net/shop'",
            urlPasswordWithAt,
            List.of("mongodb+srv://cluster0.example.net/shop?user=app@example.com")),
        new Sample(
            "netrc-password",
            "machine ftp.internal.example.net login deploy password " + netrcPassword,
            netrcPassword,
            List.of(
                "machine api.github.com login octocat password $GITHUB_TOKEN",
                "please login with your password below")),
        new Sample(
            "docker-config-auth",
            "{\"auths\": {\"registry.internal:5000\": {\"auth\": \"" + dockerAuth + "\"}}}",
            dockerAuth,
            List.of(
                "{\"auths\": {\"registry.internal:5000\": {\"auth\": \"\"}}}",
                "\"auth\": \""
                    + java.util.Base64.getEncoder()
                        .encodeToString(
                            ("session-" + s.alnum(16))
                                .getBytes(java.nio.charset.StandardCharsets.UTF_8))
                    + "\"")),
        new Sample(
            "authorization-scheme-credential",
            "-H \"Authorization: SSWS " + ssws + "\"",
            ssws,
            List.of(
                "Authorization: SSWS ${OKTA_API_TOKEN}",
                "Authorization: Digest username=\"Mufasa\", realm=\"testrealm@host.com\"",
                "Authorization: AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/iam/aws4_request",
                "authorization: see documentation/configuration/security")),
        new Sample(
            "http-header-credential",
            "curl --header \"PRIVATE-TOKEN: "
                + privateToken
                + "\" https://gitlab.internal/api/v4/projects",
            privateToken,
            List.of(
                "curl --header \"PRIVATE-TOKEN: <your_access_token>\" https://x",
                "curl -H \"Content-Type: application/json\" https://x")),
        new Sample(
            "aws-bedrock-api-key",
            "AWS_BEARER_TOKEN_BEDROCK=" + bedrock,
            bedrock,
            List.of("ABSK" + "short", "ABSKIT")),
        new Sample(
            "azure-ad-client-secret",
            "AZURE_CLIENT_SECRET=" + entra,
            entra,
            List.of("Q~ is a tilde", "abc1Q~short")),
        new Sample(
            "slack-app-token", "SLACK_APP_TOKEN=" + xapp, xapp, List.of("xapp-1-short", "xapp-")),
        new Sample(
            "stripe-webhook-secret",
            "STRIPE_WEBHOOK_SECRET=" + whsec,
            whsec,
            List.of("whsec_", "whsec_abc")),
        new Sample(
            "npm-auth-token",
            "//registry.npmjs.org/:_authToken=" + npmrc,
            npmrc,
            List.of(
                "//registry.npmjs.org/:_authToken=${NPM_TOKEN}",
                "_authToken",
                "///:_authToken=" + npmrc)),
        // npm 9+ ignores unscoped auth settings: found and redacted, at low confidence only.
        new Sample(
            "npm-auth-token-unscoped",
            "_authToken=" + npmrc,
            npmrc,
            List.of("_authToken=${NPM_TOKEN}", "_authToken")),
        new Sample(
            "1password-service-account-token",
            "OP_SERVICE_ACCOUNT_TOKEN=" + ops,
            ops,
            List.of("ops_eyJzaWduSW5B...", "ops_eyJ")),
        new Sample("1password-secret-key", "secret key " + a3, a3, List.of("A3-XXXXXX", "A3-ABC")),
        new Sample(
            "docker-access-token",
            "docker login -p " + docker,
            docker,
            List.of("dckr_pat_short", "dckr_pat_")),
        new Sample(
            "grafana-cloud-token", "GRAFANA_CLOUD_TOKEN=" + glc, glc, List.of("glc_", "glc_short")),
        new Sample(
            "grafana-service-account-token",
            "Bearer " + glsa,
            glsa,
            List.of("glsa_", "glsa_abc_def")),
        new Sample(
            "grafana-api-key",
            "GF_KEY " + grafanaKey,
            grafanaKey,
            List.of("eyJrIjoi", "eyJrIjoiYWJj")),
        new Sample(
            "linear-api-key",
            "LINEAR_API_KEY " + linear,
            linear,
            List.of("lin_api_", "lin_api_short")),
        new Sample(
            "shopify-token",
            "X-Shopify-Access-Token: " + shopify,
            shopify,
            List.of("shpat_", "shpat_xyz")),
        new Sample(
            "tailscale-key",
            "TS_AUTHKEY " + tailscale,
            tailscale,
            List.of("tskey-auth-", "see tskey-api docs")),
        new Sample("vercel-token", "VERCEL " + vercel, vercel, List.of("vcp_", "vcp_short")),
        new Sample(
            "vercel-legacy-token",
            "vercel token " + vercelLegacy,
            vercelLegacy,
            List.of("vercel deploy --prod", "vercel token " + "a".repeat(24))),
        new Sample(
            "private-key-body",
            "my key:\n" + pemHead + "\n" + pemBody + "\n",
            pemBody + "\n",
            List.of(pemHead + "\n", "-----BEGIN PUBLIC KEY-----\n" + pemFirstBody + "\n")),
        new Sample(
            "crypto-private-key",
            "PRIVATE_KEY=" + ethKey,
            ethKey,
            List.of("DOTENV_PUBLIC_KEY=\"03" + s.hex(64) + "\"", "commit " + s.hex(64))),
        new Sample(
            "crypto-wif-private-key",
            "wif: " + wif,
            wif,
            List.of(
                "wif: 5HueCGU8rMjxEXxiPuD5BDku4MkFqeZyd4dZ1jvhTVqvbTLvyTK", "5" + "H".repeat(50))),
        new Sample(
            "basic-auth-command-line",
            "curl -u deploy:" + curlPassword + " https://api.internal/x",
            curlPassword,
            List.of("curl -u user:$PASSWORD https://x", "curl --user neo4j:[PASSWORD] http://x")),
        new Sample(
            "basic-auth-command-line",
            "curl -u \":" + curlPassword + "\" https://api.example.net/v1",
            curlPassword,
            List.of("curl -u \":$API_TOKEN\" https://x")),
        new Sample(
            "http-header-credential",
            "curl -H \"X-Octopus-ApiKey: " + headerKey + "\" https://deploy.corp.net/api",
            headerKey,
            List.of(
                "curl -H \"X-Api-Key: $API_KEY\" https://x",
                "curl -H 'Authorization: Bearer ${TOKEN}' https://x",
                "curl -H \"Accept: application/vnd.github.v3+json\" https://x",
                "curl -H \"x-api-key: {{api_key}}\" https://x")),
        new Sample(
            "basic-auth-header",
            "-H 'Authorization: Basic " + basic + "'",
            basic,
            List.of("Authorization: Basic ${CREDENTIALS}", "Authorization: Basic YnJvd3Nlcjo=")),
        new Sample(
            "bearer-token",
            "-H \"Authorization: Bearer " + bearer + "\"",
            bearer,
            List.of("Authorization: Bearer ${TOKEN}", "Authorization: Bearer <your-token-here>")),
        new Sample(
            "aws-access-key-id",
            "aws_access_key_id = " + aws,
            aws,
            List.of(
                "key = AKIA" + "IOSFODNN7EXAMPLE",
                "AKIA" + "AAAAAAAAAAAAAAAA",
                "AKIA" + s.alnum(16).toLowerCase())),
        new Sample(
            "aws-secret-access-key",
            "aws_secret_access_key = " + awsSecret,
            awsSecret,
            List.of(
                "aws_secret_access_key = ${AWS_SECRET_ACCESS_KEY}",
                "aws_secret_key = " + "AbCd".repeat(10))),
        new Sample(
            "gcp-service-account-key",
            "  \"private_key\": \"" + gcpPem + "\",",
            gcpPem,
            List.of(
                "  \"private_key\": \"\",", "  \"private_key_id\": \"" + "0".repeat(40) + "\",")),
        new Sample(
            "gcp-api-key",
            "const key = '" + gcp + "';",
            gcp,
            List.of("const key = 'AIza-short';", "AIzaSomethingElse")),
        new Sample(
            "azure-storage-account-key",
            "DefaultEndpointsProtocol=https;AccountName=acct;AccountKey="
                + azure
                + ";EndpointSuffix=core.windows.net",
            azure,
            List.of("AccountKey=<your-account-key>", "AccountKey=" + s.base64(20))),
        new Sample(
            "azure-shared-access-key",
            "Endpoint=sb://ns.servicebus.windows.net/;SharedAccessKeyName=Root;SharedAccessKey="
                + azureSas,
            azureSas,
            List.of("SharedAccessKeyName=RootManageSharedAccessKey", "SharedAccessKey={key}")),
        new Sample(
            "azure-sas-signature",
            "https://acct.blob.core.windows.net/c?sv=2022-11-02&sig=" + sig,
            sig,
            List.of("https://example.org/?sig=abc", "signature = sig")),
        new Sample(
            "github-pat",
            "GITHUB_TOKEN=" + ghp,
            ghp,
            List.of("ghp_" + "x".repeat(36), "ghp_short")),
        new Sample(
            "github-fine-grained-pat",
            "token: " + fine,
            fine,
            List.of("github_pat_", "github_pat_abc_def")),
        new Sample(
            "github-oauth-token",
            "oauth " + gho,
            gho,
            List.of("gho_" + "0".repeat(36), "gho_tooShort1")),
        new Sample(
            "github-app-token",
            "installation " + ghs,
            ghs,
            List.of("ghs_" + "a".repeat(36), "ghu_x")),
        new Sample(
            "github-refresh-token",
            "refresh " + ghr,
            ghr,
            List.of("ghr_" + "b".repeat(36), "ghr_")),
        new Sample(
            "gitlab-token",
            "PRIVATE-TOKEN: " + glpat,
            glpat,
            List.of("glpat-" + "a".repeat(20), "glpat-abc")),
        new Sample(
            "gitlab-token",
            "deploy_token: " + gitlabDeployToken,
            gitlabDeployToken,
            List.of("deploy gldt-" + s.alnum(18) + "7")),
        new Sample(
            "slack-token",
            "SLACK_BOT=" + slack,
            slack,
            List.of("xoxb-1-2", "xoxb-" + "1".repeat(12) + "-" + "a".repeat(24))),
        new Sample(
            "slack-webhook",
            "url = " + webhook,
            webhookSecret,
            List.of("see https://api.slack.com/messaging/webhooks", "hooks.slack.com/services/")),
        new Sample(
            "stripe-secret-key",
            "Stripe.apiKey = " + stripe + ";",
            stripe,
            List.of("pk_live_" + s.alnum(24), "sk_live_" + "0".repeat(24))),
        new Sample(
            "twilio-api-key",
            "TWILIO_KEY " + twilio,
            twilio,
            List.of("SK" + "0".repeat(32), "TASK" + s.hex(10))),
        new Sample(
            "twilio-auth-token",
            "twilio_auth_token: " + twilioToken,
            twilioToken,
            List.of("twilio_auth_token: " + "0".repeat(32), "twilio token rotation")),
        new Sample(
            "twilio-auth-token-nearby",
            "Twilio.init(\"AC" + s.hex(32) + "\", \"" + twilioToken + "\");",
            twilioToken,
            List.of(
                "Twilio.init(\"AC" + s.hex(32) + "\", \"" + "0".repeat(32) + "\");",
                "twilio 8.2.0 md5 " + s.hex(32),
                "twilio " + s.hex(31),
                "twilio sid AC" + s.hex(32))),
        new Sample(
            "sendgrid-api-key",
            "SENDGRID " + sendgrid,
            sendgrid,
            List.of("SG.abc.def", "msg.send()")),
        new Sample(
            "mailchimp-api-key",
            "MC " + mailchimp,
            mailchimp,
            List.of("0".repeat(32) + "-us1", "en-us1 locale")),
        new Sample(
            "npm-token",
            "//registry.npmjs.org/:_authToken " + npm,
            npm,
            List.of("npm_" + "0".repeat(36), "npm_config_cache")),
        new Sample(
            "pypi-token",
            "password: " + pypi,
            pypi,
            List.of("pypi-AgEIcHlwaS5vcmc", "pypi-upload")),
        new Sample(
            "anthropic-api-key",
            "ANTHROPIC_API_KEY " + anthropic,
            anthropic,
            List.of("sk-ant-api03-short", "sk-ant-")),
        new Sample(
            "openai-api-key",
            "OPENAI_API_KEY " + openai,
            openai,
            List.of("T3BlbkFJ", "sk-T3BlbkFJ")),
        new Sample(
            "openai-project-key",
            "key " + openaiProject,
            openaiProject,
            List.of("sk-proj-" + "a".repeat(40), "sk-proj-short")),
        new Sample(
            "huggingface-token",
            "HF " + hf,
            hf,
            List.of("hf_" + "a".repeat(34), "hf_hub_download")),
        new Sample(
            "jwt",
            "Authorization: Bearer " + jwt,
            jwt,
            List.of(
                "eyJ" + s.urlSafe(20) + ".eyJ" + s.urlSafe(20) + "." + s.urlSafe(20),
                jwtParts[0] + ".eyJ" + s.urlSafe(30) + "." + jwtParts[2])),
        new Sample(
            "jwt",
            "Cookie: __Secure-next-auth.session-token=" + jwe,
            jwe,
            List.of(
                // a JWS header (no enc) before four more parts, and a header that is not JSON
                jwtParts[0]
                    + "."
                    + s.urlSafe(20)
                    + "."
                    + s.urlSafe(16)
                    + "."
                    + s.urlSafe(40)
                    + "."
                    + s.urlSafe(22),
                "eyJ"
                    + s.urlSafe(30)
                    + ".."
                    + s.urlSafe(16)
                    + "."
                    + s.urlSafe(40)
                    + "."
                    + s.urlSafe(22))),
        new Sample(
            "private-key",
            "key:\n" + pem + "\nend",
            pem,
            List.of(
                "-----BEGIN PUBLIC KEY-----\n" + s.base64(64) + "\n-----END PUBLIC KEY-----",
                "-----BEGIN RSA PRIVATE KEY-----\n-----END RSA PRIVATE KEY-----")),
        new Sample(
            "url-credentials",
            "DATABASE_URL=postgres://app:" + urlPassword + "@db.internal:5432/app",
            urlPassword,
            List.of(
                "postgres://app:${DB_PASSWORD}@db:5432/app",
                "https://user@example.org/path",
                "http://host:8080/x@y")),
        new Sample(
            "connection-string-password",
            "Server=db.internal;Database=app;User Id=app;Password=" + dbPassword + ";",
            dbPassword,
            List.of(
                "Server=db;User Id=app;Password=<password>;",
                "Server=db;Integrated Security=true;")),
        new Sample(
            "generic-secret-assignment",
            "db.password = \"" + generic + "\"",
            generic,
            List.of(
                "password = \"changeme\"",
                "password = \"${DB_PASSWORD}\"",
                "token = \"whitespace_tokenizer\"",
                "password = \"aaaaaaaaaaaa\"",
                "secret = \"12345678\"",
                // references and identifiers
                "password = env.PERKEEP_TEST_PASSWORD",
                "password: secrets.DEPLOY_PASSWORD",
                "IAMUserChangePassword = \"arn:aws:iam::aws:policy/IAMUserChangePassword\"",
                "put '/forgot-password' => \"cms/sites/passwords#update\", as: 'update_password'")),
        new Sample(
            "generic-secret-assignment",
            "export API_TOKEN=" + envSecret,
            envSecret,
            List.of(
                "API_TOKEN=",
                "PASSWORD=changeme_please",
                "token = self.token",
                "password = get_password(user)",
                "jdbc.url=jdbc:postgresql://token:5432/app?user=" + s.alnum(8),
                "connect(user, password=db_password)",
                "token=" + s.alnum(2000))),
        new Sample(
            "high-entropy-base64",
            "blob = \"" + b64 + "\"",
            b64,
            List.of(
                "msg = \"" + "abcdefghijklmnopqrstuvwxyz" + "\"",
                "id = \"550e8400-e29b-41d4-a716-446655440000\"",
                "\"integrity\": \"sha512-" + s.base64(86) + "==\"")),
        new Sample(
            "high-entropy-hex",
            "k = '" + hex + "'",
            hex,
            List.of(
                "commit = '" + s.hex(40) + "'",
                "sha256 = \"" + s.hex(64) + "\"",
                "v = '" + "0123456789abcdef".repeat(2) + "'")));
  }

  static Stream<Arguments> ruleSamples() {
    return samples().stream()
        .map(
            sample ->
                Arguments.of(
                    sample.ruleId() + ": " + sample.line().lines().findFirst().orElse(""), sample));
  }

  @Test
  void aWalletImportFormatKeyIsFoundOutsideLockFilesOnly() {
    String wif = "5HueCGU8rMjxEXxiPuD5BDku4MkFqeZyd4dZ1jvhTVqvbTLvyTJ";
    SecretScanner scanner = SecretScanner.standard();

    assertThat(scanner.scan("wallet/.env", "WALLET=" + wif))
        .extracting(SecretFinding::ruleId)
        .containsExactly("crypto-wif-private-key");
    assertThat(scanner.scan("scripts/send.py", "key = '" + wif + "'"))
        .extracting(SecretFinding::ruleId)
        .containsExactly("crypto-wif-private-key");
    for (String lockFile : List.of("yarn.lock", "web/package-lock.json", "deps/Cargo.lock")) {
      assertThat(scanner.scan(lockFile, "  resolved " + wif))
          .as(lockFile)
          .noneMatch(f -> f.ruleId().equals("crypto-wif-private-key"));
    }
  }

  @Test
  void everyDefaultRuleHasSamples() {
    assertThat(samples().stream().map(Sample::ruleId).collect(Collectors.toSet()))
        .containsExactlyInAnyOrderElementsOf(
            SecretRuleSet.defaults().rules().stream().map(SecretRule::id).toList());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("ruleSamples")
  void ruleFindsItsSecretAndRedactsIt(String name, Sample sample) {
    String ruleId = sample.ruleId();
    List<SecretFinding> findings = SCANNER.scan("sample.txt", sample.line());

    assertThat(findings)
        .as("findings in: %s", sample.line())
        .anySatisfy(
            f -> {
              assertThat(f.ruleId()).isEqualTo(ruleId);
              assertThat(sample.line().substring(f.start(), f.end())).isEqualTo(sample.secret());
              assertThat(f.fingerprint()).isEqualTo(SecretFingerprints.of(sample.secret()));
            });
    Redaction redaction = SCANNER.redact("sample.txt", sample.line());
    assertThat(redaction.text()).doesNotContain(sample.secret()).contains(SecretFingerprints.MASK);
    assertThat(findings.toString()).doesNotContain(sample.secret());
  }

  /**
   * Near misses are not reported; a provider-prefixed value with a made-up body may still be found
   * (and redacted), but only at low confidence, below what {@code beca scan} reports by default.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("ruleSamples")
  void ruleIgnoresItsNearMisses(String name, Sample sample) {
    for (String clean : sample.clean()) {
      assertThat(SCANNER.scan("sample.txt", clean))
          .as("findings in: %s", clean)
          .allSatisfy(f -> assertThat(f.confidence()).isEqualTo(Confidence.LOW));
    }
  }

  /**
   * A value in a provider's own alphabet is not "made up" for looking like an identifier: AWS key
   * ids are base32 (upper case letters alone are possible), npm's legacy tokens and many header API
   * keys are UUIDs.
   */
  @Test
  void providerShapedValuesInTheirOwnAlphabetKeepTheirConfidence() {
    assertThat(SCANNER.scan("sample.txt", "AWS_ACCESS_KEY_ID=ASIAIRRZALZFXZAAEDBC"))
        .singleElement()
        .satisfies(f -> assertThat(f.confidence()).isNotEqualTo(Confidence.LOW));
    assertThat(
            SCANNER.scan(
                "sample.txt",
                "//registry.npmjs.org/:_authToken=5eb4223e-5008-46e5-be67-c7b8f2732305"))
        .singleElement()
        .satisfies(f -> assertThat(f.confidence()).isNotEqualTo(Confidence.LOW));
    // Stand-ins stay low: repeated characters, placeholder words, upper case identifiers.
    assertThat(SCANNER.scan("sample.txt", "AWS_ACCESS_KEY_ID=ASIAZZZZZZZZZZZZZZZZ"))
        .allSatisfy(f -> assertThat(f.confidence()).isEqualTo(Confidence.LOW));
    assertThat(SCANNER.scan("sample.txt", "//registry.npmjs.org/:_authToken=YOUR_NPM_TOKEN_HERE"))
        .allSatisfy(f -> assertThat(f.confidence()).isEqualTo(Confidence.LOW));
  }

  @Test
  void redactedTextScansClean() {
    for (Sample sample : samples()) {
      String once = SCANNER.redact("sample.txt", sample.line()).text();
      assertThat(SCANNER.scan("sample.txt", once)).as(once).isEmpty();
    }
  }
}
