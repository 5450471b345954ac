package io.lode.events.merkle;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The Merkle tree over an epoch's balances, published as EpochClosed.merkleRoot. Part of the event contract:
 * anyone must be able to recompute it. Leaves are the (account, balance) pairs sorted by account id;
 * leaf = SHA-256(0x00 ‖ UTF-8 account ‖ 0x00 ‖ balance as 8 big-endian bytes), node = SHA-256(0x01 ‖ left ‖
 * right) — the prefixes keep a leaf from passing for a node. A level with an odd count carries its last node up
 * unchanged. The empty tree's root is SHA-256 of nothing.
 */
public final class BalanceTree {

    private static final byte LEAF = 0x00;
    private static final byte NODE = 0x01;

    private final List<Map.Entry<String, Long>> leaves;
    private final List<List<byte[]>> levels = new ArrayList<>();

    public BalanceTree(Map<String, Long> balances) {
        leaves = balances.entrySet().stream().sorted(Map.Entry.comparingByKey(Comparator.naturalOrder())).toList();
        List<byte[]> level = leaves.stream().map(e -> leafHash(e.getKey(), e.getValue())).toList();
        levels.add(level);
        while (level.size() > 1) {
            List<byte[]> up = new ArrayList<>();
            for (int i = 0; i < level.size(); i += 2) {
                up.add(i + 1 < level.size() ? nodeHash(level.get(i), level.get(i + 1)) : level.get(i));
            }
            levels.add(up);
            level = up;
        }
    }

    public String rootHex() {
        List<byte[]> top = levels.get(levels.size() - 1);
        return HexFormat.of().formatHex(top.isEmpty() ? sha256() : top.get(0));
    }

    public int size() {
        return leaves.size();
    }

    /** The inclusion proof of {@code accountId}'s balance, or null if the account is not in the tree. */
    public InclusionProof proof(long epoch, String accountId) {
        int index = -1;
        for (int i = 0; i < leaves.size(); i++) {
            if (leaves.get(i).getKey().equals(accountId)) {
                index = i;
                break;
            }
        }
        if (index < 0) {
            return null;
        }
        List<InclusionProof.Step> path = new ArrayList<>();
        int position = index;
        for (int depth = 0; depth < levels.size() - 1; depth++) {
            List<byte[]> level = levels.get(depth);
            int sibling = position ^ 1;
            if (sibling < level.size()) {
                path.add(new InclusionProof.Step(sibling < position ? InclusionProof.Side.LEFT : InclusionProof.Side.RIGHT,
                        HexFormat.of().formatHex(level.get(sibling))));
            }
            position /= 2;
        }
        return new InclusionProof(epoch, accountId, leaves.get(index).getValue(), path, rootHex());
    }

    static byte[] leafHash(String accountId, long balance) {
        byte[] account = accountId.getBytes(StandardCharsets.UTF_8);
        return sha256(ByteBuffer.allocate(1 + account.length + 1 + Long.BYTES).put(LEAF).put(account).put((byte) 0)
                .putLong(balance).array());
    }

    static byte[] nodeHash(byte[] left, byte[] right) {
        return sha256(ByteBuffer.allocate(1 + left.length + right.length).put(NODE).put(left).put(right).array());
    }

    static byte[] sha256(byte[]... parts) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (byte[] part : parts) {
                digest.update(part);
            }
            return digest.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
