"""Reviewer accounts and login sessions, kept in the store (tables users and sessions).

Passwords are hashed with scrypt (hashlib, the standard library; n=2**14, r=8, p=1, a random
16-byte salt each), stored as "scrypt$n$r$p$salt$hash" so the cost can be raised later
without breaking stored hashes. A session is a random 32-byte token given to the browser
in an HttpOnly, SameSite=Strict cookie; the store keeps only its sha256, so a copy of the
store does not log anyone in. Sessions last SESSION_HOURS and end at logout or when the
account is removed."""
from __future__ import annotations

import hashlib
import hmac
import re
import secrets
import time

SCRYPT = {"n": 2 ** 14, "r": 8, "p": 1}
SESSION_HOURS = 12
NAME = re.compile(r"^[\w.\-\u4e00-\u9fff·]{1,50}$")  # a reviewer's name as shown beside decisions


class AccountError(ValueError):
    """A request about accounts that cannot be done: `zh` and `en` say why."""

    def __init__(self, zh: str, en: str):
        super().__init__(en)
        self.zh, self.en = zh, en


def _now() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime())


def hash_password(password: str) -> str:
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode("utf-8"), salt=salt, maxmem=64 << 20, **SCRYPT)
    return f"scrypt${SCRYPT['n']}${SCRYPT['r']}${SCRYPT['p']}${salt.hex()}${digest.hex()}"


def verify_password(password: str, stored: str) -> bool:
    try:
        kind, n, r, p, salt, digest = stored.split("$")
        if kind != "scrypt":
            return False
        got = hashlib.scrypt(password.encode("utf-8"), salt=bytes.fromhex(salt), n=int(n), r=int(r), p=int(p),
                             maxmem=64 << 20)
    except ValueError:
        return False
    return hmac.compare_digest(got.hex(), digest)


# a hash to check against when the name is unknown, so a wrong name takes as long as a wrong password
_DUMMY = hash_password(secrets.token_urlsafe(16))


def add_user(db, name: str, password: str) -> None:
    if not NAME.match(name):
        raise AccountError(f"账号名不合适：{name!r}（1–50 个汉字、字母、数字或 . _ -）",
                           f"bad account name {name!r} (1-50 letters, digits, CJK, . _ -)")
    if len(password) < 8:
        raise AccountError("密码至少 8 个字符。", "the password must have at least 8 characters")
    with db:
        if db.execute("SELECT 1 FROM users WHERE name = ?", (name,)).fetchone():
            raise AccountError(f"账号 {name} 已存在。", f"account {name} exists")
        db.execute("INSERT INTO users (name, password, created_at) VALUES (?,?,?)", (name, hash_password(password), _now()))


def remove_user(db, name: str) -> None:
    with db:
        if db.execute("DELETE FROM users WHERE name = ?", (name,)).rowcount == 0:
            raise AccountError(f"没有账号 {name}。", f"no account {name}")
        db.execute("DELETE FROM sessions WHERE name = ?", (name,))


def users(db) -> list:
    """[(name, created_at, open sessions)]"""
    return [tuple(r) for r in db.execute(
        "SELECT u.name, u.created_at, (SELECT count(*) FROM sessions s WHERE s.name = u.name AND s.expires_at > ?) "
        "FROM users u ORDER BY u.name", (_now(),))]


def has_users(db) -> bool:
    return db.execute("SELECT 1 FROM users LIMIT 1").fetchone() is not None


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("ascii", "replace")).hexdigest()


def login(db, name: str, password: str) -> str | None:
    """A new session token when the name and password match, else None."""
    row = db.execute("SELECT password FROM users WHERE name = ?", (name,)).fetchone()
    if not verify_password(password, row[0] if row else _DUMMY) or row is None:
        return None
    token = secrets.token_urlsafe(32)
    expires = time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(time.time() + SESSION_HOURS * 3600))
    with db:
        db.execute("DELETE FROM sessions WHERE expires_at <= ?", (_now(),))
        db.execute("INSERT INTO sessions (token_hash, name, created_at, expires_at) VALUES (?,?,?,?)",
                   (_token_hash(token), name, _now(), expires))
    return token


def session_user(db, token: str) -> str | None:
    """The account a session token belongs to while it lasts."""
    if not token:
        return None
    row = db.execute("SELECT name FROM sessions WHERE token_hash = ? AND expires_at > ?",
                     (_token_hash(token), _now())).fetchone()
    return row[0] if row else None


def logout(db, token: str) -> None:
    with db:
        db.execute("DELETE FROM sessions WHERE token_hash = ?", (_token_hash(token),))
