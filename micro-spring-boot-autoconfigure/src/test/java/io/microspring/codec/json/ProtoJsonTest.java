package io.microspring.codec.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import com.google.protobuf.Duration;
import com.google.protobuf.FieldMask;
import com.google.protobuf.Int64Value;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.ListValue;
import com.google.protobuf.Message;
import com.google.protobuf.NullValue;
import com.google.protobuf.StringValue;
import com.google.protobuf.Struct;
import com.google.protobuf.Timestamp;
import com.google.protobuf.Value;
import com.google.protobuf.util.JsonFormat;

import io.microspring.codec.CodecException;
import io.microspring.test.proto.HelloRequest;
import io.microspring.test.proto.HelloResponse;
import io.microspring.test.proto.shapes.Inner;
import io.microspring.test.proto.shapes.Shapes;

/**
 * The streamed protobuf JSON path against protobuf-java's {@code JsonFormat}, the mapping it
 * replaces: the same bytes written for every message, the same message (or the same error) read
 * from every input, and the streamed path really taken for the JSON peers send.
 */
class ProtoJsonTest {

    private static final JsonFormat.Printer PRINTER = JsonFormat.printer().omittingInsignificantWhitespace();
    private static final JsonFormat.Parser PARSER = JsonFormat.parser().ignoringUnknownFields();
    private static final String AWKWARD = "<a href='x'>&=</a> \"quoted\" back\\slash /slash \n\t\b\f\r \u0000\u0001\u000b"
            + "\u001f\u007f \u2028\u2029 é ü 中文 😀";

    private final JsonMarshaller marshaller = new JsonMarshaller();

    @Test
    void whenMessagesAreWrittenThenTheBytesAreJsonFormats() throws Exception {
        for (Message message : messages()) {
            assertThat(ProtoJsonWriter.write(message)).as("%s", message).isEqualTo(bytes(PRINTER.print(message)));
        }
    }

    @Test
    void whenRandomMessagesAreWrittenThenTheBytesAreJsonFormats() throws Exception {
        Random random = new Random(16);
        for (int i = 0; i < 2000; i++) {
            Shapes message = randomShapes(random, 0);
            assertThat(new String(marshaller.write(message), StandardCharsets.UTF_8)).isEqualTo(PRINTER.print(message));
        }
    }

    @Test
    void whenTheGreeterAnswersThenItWritesWhatGoMicroWrites() {
        // go-micro's protojson writes these bytes (up to its randomly placed insignificant spaces)
        assertThat(marshaller.write(HelloResponse.newBuilder().setMsg("Hello John").build()))
                .asString(StandardCharsets.UTF_8).isEqualTo("{\"msg\":\"Hello John\"}");
        assertThat(marshaller.write(HelloResponse.getDefaultInstance())).asString(StandardCharsets.UTF_8).isEqualTo("{}");
        assertThat(marshaller.write(Inner.newBuilder().setNumber(-5).build()))
                .asString(StandardCharsets.UTF_8).isEqualTo("{\"number\":\"-5\"}");
    }

    @Test
    void whenAnyCannotBeResolvedThenWritingFailsAsBefore() {
        Shapes message = Shapes.newBuilder().setAnything(Any.pack(Inner.newBuilder().setText("x").build())).build();
        assertThatThrownBy(() -> PRINTER.print(message)).isInstanceOf(InvalidProtocolBufferException.class);
        assertThatThrownBy(() -> marshaller.write(message)).isInstanceOf(CodecException.class);
    }

    @Test
    void whenAWriteFailedOrWasLargeThenTheNextMessageIsWrittenWholeAndAlone() throws Exception {
        // each thread writes into one buffer, message after message: nothing of the one before may show
        Shapes failing = Shapes.newBuilder().setAString("before the failure")
                .setAnything(Any.pack(Inner.newBuilder().setText("x").build())).build();
        assertThatThrownBy(() -> ProtoJsonWriter.write(failing)).isInstanceOf(InvalidProtocolBufferException.class);
        assertThat(ProtoJsonWriter.write(HelloResponse.newBuilder().setMsg("Hi").build()))
                .asString(StandardCharsets.UTF_8).isEqualTo("{\"msg\":\"Hi\"}");
        HelloResponse large = HelloResponse.newBuilder().setMsg("é".repeat(20_000)).build();
        assertThat(ProtoJsonWriter.write(large)).isEqualTo(bytes(PRINTER.print(large)));
        assertThat(ProtoJsonWriter.write(HelloResponse.getDefaultInstance())).asString(StandardCharsets.UTF_8)
                .isEqualTo("{}");
    }

    @Test
    void whenJsonFormatsOwnOutputIsReadThenTheStreamedPathReadsTheSameMessage() throws Exception {
        for (Message message : messages()) {
            if (message instanceof Shapes shapes && !usesWellKnownTypes(shapes)) {
                // the bytes sent (an unpaired surrogate written as '?'); JsonFormat reads a negative zero double as 0.0:
                // so the message JsonFormat reads from those bytes, not the one written
                String json = new String(bytes(PRINTER.print(message)), StandardCharsets.UTF_8);
                assertThat(ProtoJsonReader.read(bytes(json), message.newBuilderForType())).as(json)
                        .isEqualTo(parse(json, message.newBuilderForType()));
            }
        }
        Random random = new Random(61);
        for (int i = 0; i < 2000; i++) {
            Shapes message = randomShapes(random, 0);
            String json = PRINTER.print(message);
            assertThat(ProtoJsonReader.read(bytes(json), Shapes.newBuilder())).as(json)
                    .isEqualTo(parse(json, Shapes.newBuilder()));
        }
    }

    @Test
    void whenPeersSendTheirJsonThenTheStreamedPathReadsItAsJsonFormatDoes() throws Exception {
        List<String> peerJson = List.of(
                "{\"name\":\"John\"}",
                "{ \"name\": \"John\" }",
                "\n\t{\"name\" :\"John\",\"times\":3,\"tags\":[\"a\",\"b\"],\"firstName\":\"J\"}\n",
                "{\"first_name\":\"J\",\"unknown\":{\"deep\":[1,{\"x\":null},\"y\"]},\"other\":null,\"times\":-0}",
                "{\"times\":\"42\"}",
                "{}");
        for (String json : peerJson) {
            HelloRequest expected = HelloRequest.newBuilder().mergeFrom(parse(json, HelloRequest.newBuilder())).build();
            assertThat(ProtoJsonReader.read(bytes(json), HelloRequest.newBuilder())).as(json).isEqualTo(expected);
            assertThat(marshaller.read(bytes(json), HelloRequest.class)).as(json).isEqualTo(expected);
        }
        List<String> shapesJson = List.of(
                "{\"an_int64\":123,\"aUint64\":\"18446744073709551615\",\"a_uint32\":4294967295,\"color\":2,"
                        + "\"colors\":[\"RED\",1,\"GREEN\"],\"someBytes\":\"-_8=\",\"blobs\":[\"+/8=\",\"\",\"AQ\"]}",
                "{\"aFloat\":3.4028235E38,\"aDouble\":-1.7976931348623157E308,\"doubles\":[0.1,-0,1e-7,5]}",
                "{\"labels\":{\"b\":\"2\",\"a\":\"1\"},\"innerByInt\":{\"-1\":{\"text\":\"x\"},\"7\":{}},"
                        + "\"longByLong\":{\"9223372036854775807\":\"-9223372036854775808\"},"
                        + "\"colorByUint\":{\"4294967295\":\"GREEN\"},\"flagByUint64\":{\"18446744073709551615\":true},"
                        + "\"byBool\":{\"true\":\"yes\",\"false\":\"no\"}}",
                "{\"choiceInner\":{\"children\":[{\"child\":{\"number\":\"3\"}}]},\"maybe\":0,\"FIELD_with_CAPS_name\":1}");
        for (String json : shapesJson) {
            Shapes expected = (Shapes) parse(json, Shapes.newBuilder());
            assertThat(ProtoJsonReader.read(bytes(json), Shapes.newBuilder())).as(json).isEqualTo(expected);
        }
    }

    @Test
    void whenJsonIsUnusualThenItIsReadOrRefusedExactlyAsJsonFormatDoes() {
        List<String> unusual = List.of(
                "{\"anInt32\":1.0}", "{\"anInt32\":1e2}", "{\"anInt32\":\"7\"}", "{\"anInt32\":2147483648}",
                "{\"anInt64\":1.5}", "{\"anInt64\":99999999999999999999}", "{\"aUint32\":-1}", "{\"aUint64\":-1}",
                "{\"aUint64\":\"1e3\"}", "{\"aUint64\":18446744073709551616}", "{\"aFloat\":\"NaN\"}",
                "{\"aFloat\":1e39}", "{\"aDouble\":\"-Infinity\"}", "{\"aDouble\":1e309}", "{\"aBool\":\"true\"}",
                "{\"aBool\":1}", "{\"aString\":5}", "{\"aString\":null}", "{\"someBytes\":\"not base64!\"}",
                "{\"color\":\"PURPLE\"}", "{\"color\":9}", "{\"color\":null}", "{\"inner\":\"text\"}",
                "{\"inner\":null}", "{\"ints\":null}", "{\"ints\":[1,null]}", "{\"ints\":5}",
                "{\"labels\":{\"a\":\"1\",\"a\":\"2\"}}", "{\"labels\":{\"a\":null}}", "{\"labels\":[]}",
                "{\"innerByInt\":{\"x\":{}}}", "{\"byBool\":{\"yes\":\"x\"}}", "{\"aString\":\"a\",\"a_string\":\"b\"}",
                "{\"aString\":\"a\",\"aString\":\"b\"}", "{\"choiceText\":\"a\",\"choiceNumber\":\"1\"}",
                "{\"at\":\"2026-11-30T10:00:00Z\",\"took\":\"1.5s\"}", "{\"extra\":{\"a\":[1,\"b\",null,{}]}}",
                "{\"value\":null}", "{\"wrappedLong\":\"5\",\"mask\":\"aB,cD\"}", "{\"nothing\":null}",
                "{\"anything\":{}}", "{\"aString\":\"x\"} trailing", "{\"aString\":\"x\"}{}", "\uFEFF{\"aString\":\"x\"}",
                "[1]", "\"text\"", "null", "{", "{\"aString\":\"x\",}", "{'aString':'x'}", "{aString:\"x\"}",
                "{\"aString\":\"tab\there\"}", "{\"aString\":\"\\ud800\"}", "  ", "",
                "{\"inner\":" + "{\"child\":".repeat(120) + "{}" + "}".repeat(121));
        for (String json : unusual) {
            Message expected;
            try {
                expected = json.isBlank() ? Shapes.getDefaultInstance() : parse(json, Shapes.newBuilder());
            } catch (InvalidProtocolBufferException | RuntimeException e) {
                assertThatThrownBy(() -> marshaller.read(bytes(json), Shapes.class)).as(json)
                        .isInstanceOf(CodecException.class)
                        .hasMessage("invalid JSON for json.shapes.Shapes: " + e.getMessage());
                continue;
            }
            assertThat(marshaller.read(bytes(json), Shapes.class)).as(json).isEqualTo(expected);
        }
    }

    @Test
    void whenInvalidUtf8IsReadThenItIsReadAsBefore() {
        byte[] json = {'{', '"', 'a', 'S', 't', 'r', 'i', 'n', 'g', '"', ':', '"', (byte) 0xC3, '"', '}'};
        assertThat(marshaller.read(json, Shapes.class))
                .isEqualTo(Shapes.newBuilder().setAString("\uFFFD").build());
    }

    private static Message parse(String json, Message.Builder builder) throws InvalidProtocolBufferException {
        PARSER.merge(json, builder);
        return builder.build();
    }

    private static byte[] bytes(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }

    private static boolean usesWellKnownTypes(Shapes shapes) {
        return shapes.hasAt() || shapes.hasTook() || shapes.hasExtra() || shapes.hasValue() || shapes.hasWrappedLong()
                || shapes.hasWrappedString() || shapes.hasMask() || shapes.hasAnything();
    }

    /** Hand-picked messages: every field kind at its edges. */
    private static List<Message> messages() {
        List<Message> messages = new ArrayList<>();
        messages.add(Shapes.getDefaultInstance());
        messages.add(HelloResponse.newBuilder().setMsg("Hello John").build());
        messages.add(HelloRequest.newBuilder().setName("John").setTimes(3).addTags("a").addTags("").build());
        messages.add(Shapes.newBuilder().setAnInt32(Integer.MIN_VALUE).setAnInt64(Long.MIN_VALUE).setAUint32(-1)
                .setAUint64(-1L).setASint32(-7).setASint64(Long.MAX_VALUE).setAFixed32(Integer.MIN_VALUE)
                .setAFixed64(Long.MIN_VALUE).setAnSfixed32(-1).setAnSfixed64(-1).build());
        for (float f : new float[] {0.1f, -0.0f, 1e10f, 1.5e-7f, Float.MIN_VALUE, Float.MAX_VALUE, Float.NaN,
            Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 100f, 123456789f}) {
            messages.add(Shapes.newBuilder().setAFloat(f).addDoubles(f).build());
        }
        for (double d : new double[] {0.1, -0.0, 1e21, 1e-7, Double.MIN_VALUE, Double.MAX_VALUE, Double.NaN,
            Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 1234567.0, 3}) {
            messages.add(Shapes.newBuilder().setADouble(d).addDoubles(d).build());
        }
        messages.add(Shapes.newBuilder().setABool(true).setAString(AWKWARD).addStrings(AWKWARD)
                .putLabels(AWKWARD, AWKWARD).putByBool(true, "t").putByBool(false, "f").build());
        messages.add(Shapes.newBuilder().setAString("lone \ud800 surrogate").build());
        messages.add(Shapes.newBuilder().setSomeBytes(ByteString.copyFrom(new byte[] {0, -1, -2, 3, 4}))
                .addBlobs(ByteString.EMPTY).addBlobs(ByteString.copyFromUtf8("ab")).addBlobs(ByteString.copyFromUtf8("abc"))
                .build());
        messages.add(Shapes.newBuilder().setColor(Shapes.Color.GREEN).addColors(Shapes.Color.RED)
                .addColorsValue(9).addColors(Shapes.Color.COLOR_UNSPECIFIED).putColorByUint(-1, Shapes.Color.RED)
                .putColorByUintValue(3, 12).build());
        messages.add(Shapes.newBuilder().setColorValue(42).build());
        messages.add(Shapes.newBuilder().setInner(Inner.newBuilder().setText("a").setNumber(1)
                .setChild(Inner.newBuilder().setChild(Inner.getDefaultInstance())).addChildren(Inner.getDefaultInstance())
                .addChildren(Inner.newBuilder().setNumber(-1))).addInners(Inner.getDefaultInstance()).build());
        messages.add(Shapes.newBuilder().putInnerByInt(-5, Inner.newBuilder().setText("x").build())
                .putInnerByInt(0, Inner.getDefaultInstance()).putLongByLong(Long.MIN_VALUE, Long.MAX_VALUE)
                .putLongByLong(0, 0).putFlagByUint64(-1L, true).putFlagByUint64(2, false).build());
        messages.add(Shapes.newBuilder().setChoiceText("").build());
        messages.add(Shapes.newBuilder().setChoiceInner(Inner.getDefaultInstance()).build());
        messages.add(Shapes.newBuilder().setChoiceNumber(0).setMaybe(0).build());
        messages.add(Shapes.newBuilder().setFieldWithCAPSName(5).addInts(1).addInts(-1).addLongs(Long.MAX_VALUE).build());
        messages.add(Shapes.newBuilder().setAt(Timestamp.newBuilder().setSeconds(1_700_000_000).setNanos(5000))
                .setTook(Duration.newBuilder().setSeconds(-3).setNanos(-500_000_000))
                .setExtra(Struct.newBuilder().putFields("a", Value.newBuilder().setNumberValue(1.5).build())
                        .putFields("b", Value.newBuilder().setListValue(ListValue.newBuilder()
                                .addValues(Value.newBuilder().setStringValue(AWKWARD))
                                .addValues(Value.newBuilder().setNullValue(NullValue.NULL_VALUE))).build()))
                .setValue(Value.newBuilder().setBoolValue(true)).setWrappedLong(Int64Value.of(-9))
                .setWrappedString(StringValue.of("")).setMask(FieldMask.newBuilder().addPaths("a_string").addPaths("inner.text"))
                .setInner(Inner.newBuilder().setText("with well-known neighbours")).build());
        messages.add(Shapes.newBuilder().setValue(Value.newBuilder().setNullValue(NullValue.NULL_VALUE)).build());
        return messages;
    }

    private static Shapes randomShapes(Random random, int depth) {
        Shapes.Builder builder = Shapes.newBuilder();
        if (random.nextBoolean()) {
            builder.setAnInt32(random.nextInt()).setAnInt64(random.nextLong()).setAUint32(random.nextInt())
                    .setAUint64(random.nextLong()).setASint64(random.nextLong()).setAFixed64(random.nextLong());
        }
        if (random.nextBoolean()) {
            builder.setAFloat(Float.intBitsToFloat(random.nextInt())).setADouble(Double.longBitsToDouble(random.nextLong()))
                    .addDoubles(random.nextDouble() * 1e6).addDoubles(random.nextGaussian());
        }
        if (random.nextBoolean()) {
            builder.setAString(randomString(random)).addStrings(randomString(random)).setABool(random.nextBoolean())
                    .setSomeBytes(ByteString.copyFrom(randomBytes(random)));
        }
        if (random.nextBoolean()) {
            builder.setColorValue(random.nextInt(4)).addColorsValue(random.nextInt(4));
        }
        for (int i = random.nextInt(4); i > 0; i--) {
            builder.putLabels(randomString(random), randomString(random)).putLongByLong(random.nextLong(), random.nextLong())
                    .putColorByUintValue(random.nextInt(), random.nextInt(3)).putFlagByUint64(random.nextLong(), true)
                    .putInnerByInt(random.nextInt(), randomInner(random, depth + 1))
                    .addInners(randomInner(random, depth + 1)).addInts(random.nextInt()).addLongs(random.nextLong());
        }
        switch (random.nextInt(4)) {
            case 0 -> builder.setChoiceText(randomString(random));
            case 1 -> builder.setChoiceInner(randomInner(random, depth + 1));
            case 2 -> builder.setChoiceNumber(random.nextLong());
            default -> { }
        }
        if (random.nextInt(3) == 0) {
            builder.setMaybe(random.nextInt(3));
        }
        return builder.build();
    }

    private static Inner randomInner(Random random, int depth) {
        Inner.Builder inner = Inner.newBuilder().setText(randomString(random)).setNumber(random.nextInt(5) - 2);
        if (depth < 3 && random.nextBoolean()) {
            inner.setChild(randomInner(random, depth + 1)).addChildren(randomInner(random, depth + 1));
        }
        return inner.build();
    }

    private static String randomString(Random random) {
        StringBuilder text = new StringBuilder();
        for (int i = random.nextInt(12); i > 0; i--) {
            text.append(switch (random.nextInt(5)) {
                case 0 -> (char) random.nextInt(0x80);
                case 1 -> (char) (0x80 + random.nextInt(0x780));
                case 2 -> AWKWARD.charAt(random.nextInt(AWKWARD.length() - 2));
                case 3 -> "😀";
                default -> (char) ('a' + random.nextInt(26));
            });
        }
        return text.toString();
    }

    private static byte[] randomBytes(Random random) {
        byte[] bytes = new byte[random.nextInt(9)];
        random.nextBytes(bytes);
        return bytes;
    }
}
