"""One booking through the API of a freshly started demo service, as a client would:
the earliest free time for one person in Cluj, a booking there, then the confirm token
read from the e-mail the service wrote to its mail directory, and the confirmation.
The booking carries a solved proof-of-work challenge (SPEC §8) in its `altcha` field,
solved as the ALTCHA widget does: SHA-256(salt + number) for number = 0..maxnumber.
Usage: front_door_booking.py BASE_URL MAIL_DIR. Exits non-zero with a reason on failure."""

import base64
import email
import email.policy
import hashlib
import json
import pathlib
import random
import re
import sys
import time
import urllib.error
import urllib.request

BASE, MAIL_DIR = sys.argv[1], pathlib.Path(sys.argv[2])


def call(method, path, body=None):
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(BASE + path, data=data, method=method)
    request.add_header("Content-Type", "application/json")
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, json.loads(response.read() or b"null")
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read() or b"null")


def valid_cnp():
    """A valid CNP (SPEC §5.1): a woman born in 1985, county 12 (Cluj), random serial."""
    digits = "2" + "850314" + "12" + f"{random.randint(1, 999):03d}"
    key = "279146358279"
    remainder = sum(int(d) * int(k) for d, k in zip(digits, key)) % 11
    return digits + str(1 if remainder == 10 else remainder)


def fail(message):
    sys.exit(f"front door booking: {message}")


def solve_challenge(form):
    """GET /api/v1/challenge and solve it; the `altcha` field (base64 of the JSON)."""
    status, challenge = call("GET", f"/api/v1/challenge?form={form}")
    if status != 200 or challenge.get("algorithm") != "SHA-256":
        fail(f"GET /api/v1/challenge answered {status}: {challenge}")
    salt, target = challenge["salt"].encode(), challenge["challenge"]
    started = time.monotonic()
    for number in range(challenge["maxnumber"] + 1):
        if hashlib.sha256(salt + str(number).encode()).hexdigest() == target:
            print(f"challenge solved: maxnumber {challenge['maxnumber']}, number {number}, "
                  f"{time.monotonic() - started:.2f} s")
            solution = {key: challenge[key] for key in ("algorithm", "challenge", "salt", "signature")}
            solution["number"] = number
            return base64.b64encode(json.dumps(solution).encode()).decode()
    fail("the challenge has no solution within its maxnumber")


status, earliest = call("GET", "/api/v1/earliest?service=passport_electronic&persons=1&county=CJ")
if status != 200 or not earliest:
    fail(f"GET /api/v1/earliest answered {status}: {earliest}")
slot = earliest[0]
booking = {
    "office_id": slot["office_id"],
    "service": "passport_electronic",
    "date": slot["date"],
    "time": slot["time"],
    "applicant": {
        "last_name": "Ionescu",
        "first_name": "Maria",
        "cnp": valid_cnp(),
        "email": "maria.ionescu@example.ro",
        "phone": None,
    },
    "companions": [],
    "consent": True,
    "altcha": solve_challenge("booking"),
}
status, created = call("POST", "/api/v1/bookings", booking)
if status != 201 or created.get("status") != "pending":
    fail(f"POST /api/v1/bookings answered {status}: {created}")
print(f"booking created: {slot['date']} {slot['time']} at office {slot['office_id']}, pending")

# The outbox worker writes the confirmation e-mail within a few seconds.
token = None
deadline = time.monotonic() + 60
while token is None and time.monotonic() < deadline:
    for path in sorted(MAIL_DIR.glob("*.eml")):
        message = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
        part = message.get_body(preferencelist=("plain",))
        found = re.search(r"/programare/confirma/([A-Za-z0-9_-]+)", part.get_content() if part else "")
        if found:
            token = found.group(1)
            break
    else:
        time.sleep(0.5)
if token is None:
    fail(f"no confirmation e-mail with a confirm link in {MAIL_DIR} within 60 s")

status, confirmed = call("POST", "/api/v1/bookings/confirm", {"token": token})
if status != 200 or confirmed.get("status") != "confirmed":
    fail(f"POST /api/v1/bookings/confirm answered {status}: {confirmed}")
print("booking confirmed with the token from its e-mail")
