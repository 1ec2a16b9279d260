"""The hub bench's WebSocket client: a kernel's channels in jupyter_server's default JSON framing, over a minimal
RFC 6455 client on a plain socket (no dependency beyond Python's standard library)."""

import base64
import hashlib
import json
import os
import select
import socket
import struct
import time
import uuid
from datetime import datetime, timezone


class WebSocketError(Exception):
    pass


class KernelSocket:
    """A kernel WebSocket in jupyter_server's default JSON framing (binary frames with buffers are decoded too): a
    minimal RFC 6455 client on a plain socket with one buffered reader, about as little client work per message as
    the minimal pyzmq client of bench.py does. (websocket-client, used before, spent ~1 ms more per round trip than the
    pyzmq client in Python alone: a few reads, a timeout change and a poll per frame; that was counted as the hub's.)"""

    GUID = b"258EAFA5-E914-47DA-95CA-C5AB0DC85B11"

    def __init__(self, port, kernel_id, token, timeout):
        self.session = uuid.uuid4().hex
        self.sock = socket.create_connection(("127.0.0.1", port), timeout=timeout)
        self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        key = base64.b64encode(os.urandom(16))
        self.sock.sendall((
            f"GET /api/kernels/{kernel_id}/channels?session_id={self.session}&token={token} HTTP/1.1\r\n"
            f"Host: 127.0.0.1:{port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            f"Sec-WebSocket-Key: {key.decode()}\r\nSec-WebSocket-Version: 13\r\n"
            f"Origin: http://127.0.0.1:{port}\r\n\r\n").encode())
        self.buf = bytearray()
        while b"\r\n\r\n" not in self.buf:
            chunk = self.sock.recv(65536)
            if not chunk:
                raise WebSocketError("the server closed the connection during the WebSocket handshake")
            self.buf += chunk
        head, _, rest = bytes(self.buf).partition(b"\r\n\r\n")
        self.buf = bytearray(rest)
        lines = head.decode("latin-1").split("\r\n")
        if lines[0].split(" ")[1:2] != ["101"]:
            raise WebSocketError(f"WebSocket handshake refused: {lines[0]}")
        headers = {k.strip().lower(): v.strip() for k, _, v in (line.partition(":") for line in lines[1:])}
        if headers.get("sec-websocket-accept") != base64.b64encode(hashlib.sha1(key + self.GUID).digest()).decode():
            raise WebSocketError("WebSocket handshake: wrong Sec-WebSocket-Accept")
        self.sock.setblocking(False)

    def _send_frame(self, opcode, payload):
        n = len(payload)
        if n < 126:
            head = struct.pack("!BB", 0x80 | opcode, 0x80 | n)
        elif n < 65536:
            head = struct.pack("!BBH", 0x80 | opcode, 0x80 | 126, n)
        else:
            head = struct.pack("!BBQ", 0x80 | opcode, 0x80 | 127, n)
        mask = os.urandom(4)
        masked = (int.from_bytes(payload, "little") ^ int.from_bytes(mask * (n // 4 + 1), "little")).to_bytes(
            4 * (n // 4 + 1), "little")[:n]
        self.sock.setblocking(True)
        try:
            self.sock.sendall(head + mask + masked)
        finally:
            self.sock.setblocking(False)

    def _frame(self):
        """(fin, opcode, payload) of the first whole frame in the buffer, or None."""
        b = self.buf
        if len(b) < 2:
            return None
        n, i = b[1] & 0x7F, 2
        if n == 126:
            if len(b) < 4:
                return None
            n, i = struct.unpack_from("!H", b, 2)[0], 4
        elif n == 127:
            if len(b) < 10:
                return None
            n, i = struct.unpack_from("!Q", b, 2)[0], 10
        if b[1] & 0x80:
            raise WebSocketError("a masked frame from the server")
        if len(b) < i + n:
            return None
        frame = (b[0] & 0x80, b[0] & 0x0F, bytes(b[i:i + n]))
        del b[:i + n]
        return frame

    def _message(self, deadline):
        parts, kind = [], None
        while True:
            frame = self._frame()
            if frame is None:
                left = deadline - time.monotonic()
                if left <= 0 or not select.select([self.sock], [], [], left)[0]:
                    raise WebSocketError("no message within the time allowed")
                chunk = self.sock.recv(1 << 20)
                if not chunk:
                    raise WebSocketError("the server closed the connection")
                self.buf += chunk
                continue
            fin, opcode, payload = frame
            if opcode == 8:
                raise WebSocketError("the server closed the WebSocket")
            if opcode == 9:
                self._send_frame(10, payload)
            if opcode not in (0, 1, 2):
                continue
            kind = kind or opcode
            parts.append(payload)
            if fin:
                return kind, b"".join(parts)

    def send(self, channel, msg_type, content):
        msg_id = uuid.uuid4().hex
        self._send_frame(1, json.dumps({
            "header": {"msg_id": msg_id, "msg_type": msg_type, "username": "bench", "session": self.session,
                       "date": datetime.now(timezone.utc).isoformat(), "version": "5.3"},
            "parent_header": {}, "metadata": {}, "content": content, "channel": channel, "buffers": []}).encode())
        return msg_id

    def execute(self, code):
        return self.send("shell", "execute_request", {"code": code, "silent": False, "store_history": True,
                                                      "user_expressions": {}, "allow_stdin": False,
                                                      "stop_on_error": True})

    def recv(self, deadline):
        if deadline - time.monotonic() <= 0:
            raise WebSocketError("no message within the time allowed")
        kind, frame = self._message(deadline)
        if kind == 2:  # [n][offset_0..offset_n-1] then the JSON message, then buffers
            n = int.from_bytes(frame[:4], "big")
            offsets = [int.from_bytes(frame[4 + 4 * i:8 + 4 * i], "big") for i in range(n)]
            frame = frame[offsets[0]:offsets[1] if n > 1 else None]
        return json.loads(frame)

    def close(self):
        try:
            self._send_frame(8, struct.pack("!H", 1000))
        except Exception:
            pass
        try:
            self.sock.close()
        except Exception:
            pass
