package dev.trellis.auth.internal.core;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Run as a separate JVM by the tests: plays codex (or a second Trellis) holding {@code auth.json.lock}. Takes the
 * lock, prints {@code locked}, then for each line on stdin: {@code write <file> <content-file>} copies a file over
 * the target (as a codex refresh would), {@code release} unlocks and exits.
 */
public final class LockHolder {

    public static void main(String[] args) throws Exception {
        Path lockFile = Path.of(args[0]);
        try (FileChannel ch = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock lock = ch.lock();
                BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            System.out.println("locked");
            System.out.flush();
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                String[] cmd = line.split(" ");
                if (cmd[0].equals("write")) {
                    Files.copy(Path.of(cmd[2]), Path.of(cmd[1]), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                    System.out.println("written");
                    System.out.flush();
                } else if (cmd[0].equals("release")) {
                    break;
                }
            }
        }
    }
}
