package com.oncopay.fulfilment;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.EncodeHintType;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.ReaderException;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/** Renders a pickup code as a QR PNG, and reads one from a camera frame, with ZXing. CPU work: call it from a worker thread. */
final class QrImages {
    private QrImages() {}

    static byte[] png(String text, int size) {
        try {
            BitMatrix m = new QRCodeWriter()
                    .encode(
                            text,
                            BarcodeFormat.QR_CODE,
                            size,
                            size,
                            Map.of(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M, EncodeHintType.MARGIN, 2));
            BufferedImage img = new BufferedImage(m.getWidth(), m.getHeight(), BufferedImage.TYPE_BYTE_BINARY);
            for (int y = 0; y < m.getHeight(); y++) {
                for (int x = 0; x < m.getWidth(); x++) img.setRGB(x, y, m.get(x, y) ? 0x000000 : 0xFFFFFF);
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(img, "png", out);
            return out.toByteArray();
        } catch (WriterException e) {
            throw new IllegalArgumentException("cannot encode QR", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The most pixels a counter camera frame may have: 4 megapixels. */
    static final long MAX_PIXELS = 4_000_000L;

    /** Why a frame is not decoded at all. */
    enum Refusal {
        NOT_PNG_OR_JPEG,
        TOO_LARGE
    }

    static final class Refused extends RuntimeException {
        final Refusal refusal;

        Refused(Refusal refusal) {
            super(refusal.name(), null, false, false);
            this.refusal = refusal;
        }
    }

    /** PNG or JPEG, told by the file's first bytes (never by what the client says it is). */
    static Optional<String> format(byte[] image) {
        if (image.length >= 8
                && (image[0] & 0xFF) == 0x89
                && image[1] == 'P'
                && image[2] == 'N'
                && image[3] == 'G'
                && image[4] == 0x0D
                && image[5] == 0x0A
                && image[6] == 0x1A
                && image[7] == 0x0A) return Optional.of("png");
        if (image.length >= 3 && (image[0] & 0xFF) == 0xFF && (image[1] & 0xFF) == 0xD8 && (image[2] & 0xFF) == 0xFF)
            return Optional.of("jpeg");
        return Optional.empty();
    }

    /**
     * The text of the QR code in a camera frame, if one can be read. Only PNG and JPEG, and only up
     * to {@link #MAX_PIXELS}: the size is read from the header, before anything is decoded, so that a
     * small file that would unpack to gigabytes of pixels costs nothing.
     *
     * @throws Refused when the frame is not PNG or JPEG, or larger than a camera frame
     */
    static Optional<String> read(byte[] image) {
        String format = format(image).orElseThrow(() -> new Refused(Refusal.NOT_PNG_OR_JPEG));
        ImageReader reader = ImageIO.getImageReadersByFormatName(format).next();
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(image))) {
            reader.setInput(in, true, true);
            if ((long) reader.getWidth(0) * reader.getHeight(0) > MAX_PIXELS) throw new Refused(Refusal.TOO_LARGE);
            BufferedImage img = reader.read(0);
            int[] pixels = img.getRGB(0, 0, img.getWidth(), img.getHeight(), null, 0, img.getWidth());
            BinaryBitmap bitmap = new BinaryBitmap(
                    new HybridBinarizer(new RGBLuminanceSource(img.getWidth(), img.getHeight(), pixels)));
            return Optional.of(new QRCodeReader()
                    .decode(bitmap, Map.of(DecodeHintType.TRY_HARDER, Boolean.TRUE))
                    .getText());
        } catch (Refused e) {
            throw e;
        } catch (ReaderException | IOException | RuntimeException e) {
            return Optional.empty();
        } finally {
            reader.dispose();
        }
    }
}
