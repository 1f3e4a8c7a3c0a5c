-- Sign-in failures are counted per client address as well as per username (OWASP ASVS 2.2.1):
-- one address spraying many usernames is slowed, and an attacker at one address cannot lock a
-- user out from another. Rows written before this migration have no address ('').
ALTER TABLE login_failures ADD COLUMN ip TEXT NOT NULL DEFAULT '';
DROP INDEX login_failures_user_at;
CREATE INDEX login_failures_user_ip_at ON login_failures(username, ip, at);
CREATE INDEX login_failures_ip_at ON login_failures(ip, at);
