#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""A local SMTP sink for the tests of the urging letters sent by email.

    smtp-sink.py OUTDIR [--refuse ADDRESS] [--auth USER:PASSWORD]

Listens on 127.0.0.1 on a free port (aiosmtpd, Debian's python3-aiosmtpd),
prints the port on its first line of output, and writes each message it
takes as OUTDIR/N.json: the envelope's sender and recipients, the decoded
Subject, To and From, the text of the body, and each attachment's file
name, type and size, with a SHA-256 of its bytes. --refuse makes it refuse
that recipient (550); --auth makes it require that login (AUTH PLAIN or
LOGIN, without TLS: a test sink only). It offers no STARTTLS. Runs until
killed, or until its standard input closes.
"""

import argparse
import warnings
import asyncio
import email
import email.header
import email.policy
import hashlib
import json
import os
import sys

from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword


class Handler:
    def __init__(self, outdir, refused):
        self.outdir = outdir
        self.refused = refused
        self.count = 0

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refused:
            return "550 5.1.1 <%s>: mailbox unavailable" % address
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.original_content or envelope.content,
                                           policy=email.policy.default)
        body = ""
        attachments = []
        for part in message.walk():
            if part.is_multipart():
                continue
            if part.get_filename() is not None:
                data = part.get_payload(decode=True)
                attachments.append({"filename": part.get_filename(),
                                    "type": part.get_content_type(),
                                    "size": len(data),
                                    "sha256": hashlib.sha256(data).hexdigest()})
            elif part.get_content_type() == "text/plain":
                body += part.get_content()
        self.count += 1
        record = {"mail_from": envelope.mail_from,
                  "rcpt_tos": envelope.rcpt_tos,
                  "subject": str(message["Subject"]),
                  "to": str(message["To"]),
                  "from": str(message["From"]),
                  "date": str(message["Date"]),
                  "body": body,
                  "attachments": attachments}
        path = os.path.join(self.outdir, "%d.json" % self.count)
        with open(path + ".tmp", "w", encoding="utf-8") as out:
            json.dump(record, out, ensure_ascii=False, indent=1)
        os.rename(path + ".tmp", path)
        return "250 Message accepted"


def main():
    warnings.simplefilter("ignore")
    parser = argparse.ArgumentParser()
    parser.add_argument("outdir")
    parser.add_argument("--refuse", action="append", default=[])
    parser.add_argument("--auth")
    args = parser.parse_args()

    handler = Handler(args.outdir, set(args.refuse))
    options = {}
    if args.auth is not None:
        user, password = args.auth.split(":", 1)

        def authenticator(server, session, envelope, mechanism, auth_data):
            ok = (isinstance(auth_data, LoginPassword) and auth_data.login == user.encode()
                  and auth_data.password == password.encode())
            return AuthResult(success=ok, handled=False)

        options = {"authenticator": authenticator, "auth_required": True, "auth_require_tls": False}

    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    server = loop.run_until_complete(
        loop.create_server(lambda: SMTP(handler, hostname="sink.test", **options), "127.0.0.1", 0))
    print(server.sockets[0].getsockname()[1], flush=True)

    # The test closes our standard input (or kills us) when it is done.
    loop.add_reader(sys.stdin.fileno(), lambda: loop.stop() if not sys.stdin.buffer.read1(4096) else None)
    loop.run_forever()
    server.close()


if __name__ == "__main__":
    main()
