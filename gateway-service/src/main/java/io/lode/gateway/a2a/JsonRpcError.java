package io.lode.gateway.a2a;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A JSON-RPC error the A2A endpoint answers with: the standard codes and A2A's own (-32001…); {@code data} carries
 * the network's problem (its stable {@code type}, {@code title}, {@code detail}) when one caused it.
 */
public final class JsonRpcError extends RuntimeException {

    public static final int PARSE_ERROR = -32700;
    public static final int INVALID_REQUEST = -32600;
    public static final int METHOD_NOT_FOUND = -32601;
    public static final int INVALID_PARAMS = -32602;
    public static final int INTERNAL = -32603;
    public static final int TASK_NOT_FOUND = -32001;
    public static final int TASK_NOT_CANCELABLE = -32002;
    public static final int UNSUPPORTED_OPERATION = -32004;

    private final int code;
    private final transient JsonNode data;

    public JsonRpcError(int code, String message) {
        this(code, message, null);
    }

    public JsonRpcError(int code, String message, JsonNode data) {
        super(message);
        this.code = code;
        this.data = data;
    }

    public int code() {
        return code;
    }

    public JsonNode data() {
        return data;
    }
}
