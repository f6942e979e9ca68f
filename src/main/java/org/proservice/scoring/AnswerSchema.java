package org.proservice.scoring;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The answers an instrument version accepts: its items in form order, each with its allowed integer codes.
 * The scoring engine is the authority on this; the catalog's item list must agree with it.
 */
public record AnswerSchema(String instrumentId, String instrumentVersion, List<ItemSchema> items) {

    public AnswerSchema {
        items = List.copyOf(items);
        Map<String, ItemSchema> seen = new LinkedHashMap<>();
        for (ItemSchema item : items) {
            if (seen.put(item.id(), item) != null) {
                throw new IllegalArgumentException("duplicate item id " + item.id());
            }
        }
    }

    public Optional<ItemSchema> item(String itemId) {
        return items.stream().filter(i -> i.id().equals(itemId)).findFirst();
    }

    public List<String> itemIds() {
        return items.stream().map(ItemSchema::id).toList();
    }

    /** Position of the item in form order, or -1 for an unknown id. */
    public int indexOf(String itemId) {
        for (int i = 0; i < items.size(); i++) {
            if (items.get(i).id().equals(itemId)) {
                return i;
            }
        }
        return -1;
    }
}
