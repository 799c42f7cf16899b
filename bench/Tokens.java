import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Signs the benchmark's dev tokens in one process, the same claims as scripts/dev-token (RS256 with
 * config/dev-keys, issuer https://dev.oncopay.local, audience oncopay-engine): scripts/dev-token
 * starts openssl five times per token, which made 2,500 tokens take about half an hour.
 *
 * Run by bench/run:  java bench/Tokens.java ROLE PREFIX COUNT HOURS > file
 * prints "i token" lines for subjects PREFIX%03d (PHARMACY) or PREFIX%06d (MEMBER), i from 1 to COUNT
 */
public class Tokens {
    public static void main(String[] args) throws Exception {
        String role = args[0], prefix = args[1];
        int count = Integer.parseInt(args[2]), hours = Integer.parseInt(args[3]);
        String pem = Files.readString(Path.of("config/dev-keys/privateKey.pem"))
                .replaceAll("-----[A-Z ]+-----", "")
                .replaceAll("\\s", "");
        PrivateKey key = KeyFactory.getInstance("RSA")
                .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String header = b64.encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        long now = System.currentTimeMillis() / 1000;
        SecureRandom random = new SecureRandom();
        StringBuilder out = new StringBuilder();
        Signature rsa = Signature.getInstance("SHA256withRSA");
        for (int i = 1; i <= count; i++) {
            String subject = prefix + String.format(role.equals("PHARMACY") ? "%03d" : "%06d", i);
            String claim = switch (role) {
                case "MEMBER" -> ",\"member_id\":\"" + subject + "\"";
                case "PHARMACY" -> ",\"pharmacy_id\":\"" + subject + "\"";
                default -> throw new IllegalArgumentException("ROLE must be MEMBER or PHARMACY");
            };
            byte[] jti = new byte[12];
            random.nextBytes(jti);
            String payload = "{\"iss\":\"https://dev.oncopay.local\",\"aud\":\"oncopay-engine\",\"sub\":\"" + subject
                    + "\",\"upn\":\"" + subject + "\",\"groups\":[\"" + role + "\"]" + claim + ",\"iat\":" + now
                    + ",\"exp\":" + (now + hours * 3600L) + ",\"jti\":\""
                    + HexFormat.of().formatHex(jti) + "\"}";
            String input = header + "." + b64.encodeToString(payload.getBytes(StandardCharsets.UTF_8));
            rsa.initSign(key);
            rsa.update(input.getBytes(StandardCharsets.US_ASCII));
            out.append(i)
                    .append(' ')
                    .append(input)
                    .append('.')
                    .append(b64.encodeToString(rsa.sign()))
                    .append('\n');
        }
        System.out.print(out);
    }
}
