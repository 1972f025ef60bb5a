package dev.trellis.provider.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trellis.api.model.ModelError;
import dev.trellis.api.model.ModelException;
import dev.trellis.api.tool.ToolDescriptor;

/** Tool input schemas as JSON trees for request bodies. */
public final class Schemas {

    private Schemas() {
    }

    /**
     * The tool's JSON Schema as an object node.
     *
     * @throws ModelException {@code BadRequest} naming the tool if the schema is not a JSON object
     */
    public static ObjectNode of(String provider, ToolDescriptor tool) {
        JsonNode schema = Json.tryParse(tool.inputSchema()).orElse(null);
        if (schema == null || !schema.isObject()) {
            throw new ModelException(new ModelError.BadRequest(provider,
                    "tool '" + tool.name() + "' has an input schema that is not a JSON object"));
        }
        return (ObjectNode) schema;
    }
}
