#!/usr/bin/python3
"""The web console in a real browser (headless chromium through Debian's selenium).

Starts what scripts/run starts, test-sized: a fresh database on the test MariaDB (PREPAID_DB_*),
the demo data and demo callshop, console passwords for `admin` and `olga`, and `prepaidctl
serve` on a loopback port. Every test fails on any error in the browser's console. Screenshots
go to --screenshots. Run by ctest (web_console); fails, never skips, when chromium,
chromedriver, selenium, the database or the server is missing.
"""
import argparse
import http.cookiejar
import json
import os
import re
import secrets
import subprocess
import sys
import time
import unittest
import urllib.error
import urllib.request

ARGS = None
WORLD = None


class World:
    """The database, the server and the browser shared by the tests."""

    def __init__(self, args):
        for var in ("PREPAID_DB_USER", "PREPAID_DB_PASSWORD"):
            if not os.environ.get(var):
                raise RuntimeError(f"{var} is not set: run through scripts/test (a private MariaDB)")
        self.db = f"prepaid_web_{os.getpid()}"
        self.env = dict(os.environ, PREPAID_DB_NAME=self.db)
        for var in ("PREPAID_OPERATOR", "PREPAID_CONFIG"):
            self.env.pop(var, None)
        self.ctl = args.prepaidctl
        self.screens = args.screenshots
        os.makedirs(self.screens, exist_ok=True)
        self.server = None
        self.driver = None
        self.caller = None
        self.caller_path = args.booth_caller
        self.sql(f"CREATE DATABASE `{self.db}`", database=None)
        demo = subprocess.run([args.demo_data, "--database", self.db, "--tariff", args.tariff],
                              env=self.env, capture_output=True, text=True, timeout=120)
        if demo.returncode != 0:
            raise RuntimeError("demo data: " + demo.stderr)
        self.run(["db", "init", "--admin", "admin"], check=False)
        self.admin(["shops", "add", "demo-shop", "--currency", "EUR", "--time-zone", "Europe/Sofia",
                    "--retail-tariff", "demo-call-shop", "--receipt-header", "Demo Call Shop"])
        self.admin(["booths", "add", "--shop", "demo-shop", "--label", "Cabin 1", "--number", "710000000101", "--pin", "4821"])
        self.admin(["booths", "add", "--shop", "demo-shop", "--label", "Cabin 2", "--number", "710000000102", "--pin", "5932"])
        self.admin(["operators", "add", "olga", "--role", "operator"])
        self.admin(["operators", "set-shop", "olga", "--shop", "demo-shop"])
        self.admin(["operators", "add", "ivan", "--role", "operator"])
        self.passwords = {}
        for name in ("admin", "olga", "ivan"):
            self.passwords[name] = "pw-" + secrets.token_urlsafe(12)
            self.run(["--as", "admin", "operators", "set-password", name], stdin=self.passwords[name] + "\n")
        self.start_server()
        self.start_browser()

    def booth(self, line):
        """Sends a line to the gateway simulator (started on first use); returns its answer."""
        if not self.caller:
            self.caller = subprocess.Popen([self.caller_path], env=self.env, stdin=subprocess.PIPE,
                                           stdout=subprocess.PIPE, text=True)
            ready = self.caller.stdout.readline().strip()
            if ready != "ready":
                raise RuntimeError("web_booth_caller did not start (FreeRADIUS): " + ready)
        self.caller.stdin.write(line + "\n")
        self.caller.stdin.flush()
        return self.caller.stdout.readline().strip()

    def sql(self, statement, database="__self__"):
        cmd = ["mariadb", f"--user={os.environ['PREPAID_DB_USER']}", "-N", "-B"]
        if os.environ.get("PREPAID_DB_SOCKET"):
            cmd.append(f"--socket={os.environ['PREPAID_DB_SOCKET']}")
        else:
            cmd += [f"--host={os.environ.get('PREPAID_DB_HOST', '127.0.0.1')}", f"--port={os.environ['PREPAID_DB_PORT']}"]
        if database:
            cmd.append(self.db if database == "__self__" else database)
        env = dict(os.environ, MYSQL_PWD=os.environ["PREPAID_DB_PASSWORD"])
        out = subprocess.run(cmd + ["-e", statement], env=env, capture_output=True, text=True, timeout=60)
        if out.returncode != 0:
            raise RuntimeError(f"mariadb: {out.stderr}")
        return out.stdout

    def run(self, args, stdin=None, check=True):
        out = subprocess.run([self.ctl] + args, env=self.env, input=stdin, capture_output=True, text=True, timeout=120)
        if check and out.returncode != 0:
            raise RuntimeError(f"prepaidctl {' '.join(args)}: {out.stderr}")
        return out

    def admin(self, args):
        return self.run(["--as", "admin"] + args)

    def start_server(self):
        self.server = subprocess.Popen([self.ctl, "serve", "--port", "0", "--quiet"], env=self.env,
                                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        line = self.server.stdout.readline()
        m = re.search(r"listening on (http://127\.0\.0\.1:\d+)", line)
        if not m:
            raise RuntimeError("prepaidctl serve did not start: " + line + self.server.stderr.read())
        self.url = m.group(1)

    def start_browser(self):
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
        for path in ("/usr/bin/chromium", "/usr/bin/chromedriver"):
            if not os.path.exists(path):
                raise RuntimeError(f"{path} is missing: apt-get install chromium chromium-driver")
        options = webdriver.ChromeOptions()
        options.binary_location = "/usr/bin/chromium"
        for a in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1366,768", "--lang=en-US"):
            options.add_argument(a)
        options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
        self.driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
        self.driver.implicitly_wait(0)

    def close(self):
        if self.caller:
            self.caller.stdin.close()
            self.caller.wait(timeout=30)
        if self.driver:
            self.driver.quit()
        if self.server:
            self.server.terminate()
            self.server.wait(timeout=20)
        try:
            self.sql(f"DROP DATABASE IF EXISTS `{self.db}`", database=None)
        except Exception as e:  # noqa: BLE001 - clean-up only
            print("could not drop the test database:", e, file=sys.stderr)


class Http:
    """A plain HTTP client with its own cookie jar (not the browser)."""

    def __init__(self, base):
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    def call(self, method, path, body=None, headers=None):
        data = json.dumps(body).encode() if body is not None else None
        req = urllib.request.Request(self.base + path, data=data, method=method, headers=dict(headers or {}))
        if data is not None:
            req.add_header("Content-Type", "application/json")
        try:
            with self.opener.open(req, timeout=30) as r:
                return r.status, dict(r.headers), r.read().decode()
        except urllib.error.HTTPError as e:
            return e.code, dict(e.headers), e.read().decode()


class ConsoleTest(unittest.TestCase):
    """Each test starts logged out on the login page and ends with no browser error."""

    def setUp(self):
        self.w = WORLD
        self.d = WORLD.driver
        self.allowed_errors = []
        self.w.sql("UPDATE operator SET language = ''")  # every test starts with the browser's
        self.d.get(self.w.url + "/login")
        self.d.delete_all_cookies()
        self.d.execute_script("localStorage.clear()")
        self.d.get(self.w.url + "/login")
        self.wait_for("#login-form")
        self.d.get_log("browser")  # start clean

    def tearDown(self):
        self.check_console()

    def check_console(self):
        errors = [e for e in self.d.get_log("browser") if e["level"] in ("SEVERE", "ERROR")]
        errors = [e for e in errors if not any(a in e["message"] for a in self.allowed_errors)]
        self.assertEqual(errors, [], "errors in the browser's console")

    def shot(self, name):
        self.d.save_screenshot(os.path.join(self.w.screens, name + ".png"))

    def wait_for(self, css, timeout=20, text=None):
        from selenium.common.exceptions import StaleElementReferenceException
        from selenium.webdriver.common.by import By
        end = time.time() + timeout
        while time.time() < end:
            try:
                found = self.d.find_elements(By.CSS_SELECTOR, css)
                if found and (text is None or any(text in f.text for f in found)):
                    return found[0]
            except StaleElementReferenceException:  # the page re-rendered it meanwhile
                pass
            time.sleep(0.1)
        self.fail(f"{css} {'with ' + repr(text) if text else ''} did not appear on {self.d.current_url}")

    def click(self, css, timeout=20):
        """Clicks `css`, again if the page re-rendered it between finding and clicking."""
        from selenium.common.exceptions import StaleElementReferenceException
        end = time.time() + timeout
        while True:
            try:
                return self.wait_for(css, timeout).click()
            except StaleElementReferenceException:
                if time.time() > end:
                    raise
                time.sleep(0.1)

    def login(self, name, password=None):
        from selenium.webdriver.common.by import By
        self.d.find_element(By.ID, "login-name").send_keys(name)
        self.d.find_element(By.ID, "login-password").send_keys(password or self.w.passwords[name])
        self.d.find_element(By.ID, "login-submit").click()
        self.wait_for("#who", text=name)
        self.wait_for_screen()

    def logout(self):
        """Logs out once the screen has rendered and the page is quiet: a click while a render
        still changes the page's layout can land beside the button (seen under load)."""
        from selenium.webdriver.common.by import By
        self.wait_for_screen()
        self.wait_for_quiet()
        self.d.find_element(By.ID, "logout").click()
        self.wait_for("#login-form")

    def wait_for_screen(self, timeout=20):
        """Waits until the screen shown now has rendered (its view marked ready); returns it."""
        return self.wait_for("#main > .view[data-ready]", timeout)

    def wait_for_quiet(self, timeout=20):
        """Waits until the page has no request in flight."""
        end = time.time() + timeout
        while time.time() < end:
            if self.d.execute_script("return document.documentElement.dataset.requests") in ("0", None):
                return
            time.sleep(0.05)
        self.fail("requests still in flight after %s s" % timeout)

    def nav_texts(self):
        from selenium.common.exceptions import StaleElementReferenceException
        from selenium.webdriver.common.by import By
        for _ in range(50):  # the menu may be re-rendered while it is read
            try:
                return [a.text for a in self.d.find_elements(By.CSS_SELECTOR, "#top nav a")]
            except StaleElementReferenceException:
                time.sleep(0.1)
        self.fail("the menu kept changing for 5 s")

    def http_login(self, name):
        h = Http(self.w.url)
        status, _, body = h.call("POST", "/v1/session", {"name": name, "password": self.w.passwords[name]})
        self.assertEqual(status, 200, body)
        return h, json.loads(body)

    # --- login and roles

    def test_01_login_as_administrator_every_screen_loads(self):
        # Proves an administrator logs in, sees every screen including Administration, and each
        # loads without an error in the page or the browser's console, leaving the page at its top.
        self.login("admin")
        self.assertIn("Administration", self.nav_texts())
        for path, marker, shot in (("/", "#calls-chart", None), ("/counter", "#booths", None),
                                   ("/cards", "#cards-list table", "cards"), ("/calls", "#calls-list table", None),
                                   ("/prices", "#quote-form", None), ("/admin", "#password-form", None)):
            self.d.get(self.w.url + path)
            self.wait_for(marker)
            self.assertFalse(self.d.find_elements("css selector", "#screen-error"), path)
            # The rendered screen leaves the page at its top, the menu and logout in reach.
            self.wait_for_screen()
            self.assertEqual(self.d.execute_script("return window.scrollY"), 0, path)
            if shot:
                self.shot(shot)
            self.check_console()

    def test_02_operator_sees_no_administrator_screen_and_the_api_refuses(self):
        # Proves an operator's menu lacks Administration, the forced page shows the API's
        # refusal, and the API refuses the call with the operator's own session cookie.
        self.login("olga")
        self.wait_for("#booths")
        self.shot("counter")
        self.assertNotIn("Administration", self.nav_texts())
        self.allowed_errors = ["/v1/operators", "/v1/tokens", "/v1/audit"]  # the refusals below
        self.d.get(self.w.url + "/admin")
        err = self.wait_for("#screen-error")
        self.assertIn("administrators", err.text)  # the API's refusal, shown as it came
        h, _ = self.http_login("olga")
        status, _, body = h.call("GET", "/v1/operators")
        self.assertEqual(status, 403, body)
        self.assertEqual(json.loads(body)["error"]["code"], "forbidden")

    def test_03_wrong_password_is_refused_and_slowed(self):
        # Proves a wrong password shows the refusal, creates no session, and the next attempt
        # right after is refused (429, Retry-After) even with the right password.
        self.allowed_errors = ["/v1/session"]  # the 401 and 429 answers
        self.login_attempt("ivan", "not the password")
        self.wait_for("#login-message .error", text="Wrong name or password")
        self.assertFalse([c for c in self.d.get_cookies() if c["name"] == "prepaid_session"])
        h = Http(self.w.url)
        status, headers, body = h.call("POST", "/v1/session", {"name": "ivan", "password": self.w.passwords["ivan"]})
        self.assertEqual(status, 429, body)
        self.assertGreaterEqual(int(headers["Retry-After"]), 1)
        time.sleep(int(headers["Retry-After"]) + 0.2)
        status, _, body = h.call("POST", "/v1/session", {"name": "ivan", "password": self.w.passwords["ivan"]})
        self.assertEqual(status, 200, body)

    def login_attempt(self, name, password):
        from selenium.webdriver.common.by import By
        self.d.find_element(By.ID, "login-name").send_keys(name)
        self.d.find_element(By.ID, "login-password").send_keys(password)
        self.d.find_element(By.ID, "login-submit").click()

    def test_04_a_change_without_the_csrf_token_is_refused(self):
        # Proves a change made with the session cookie but without X-CSRF-Token is refused and
        # changes nothing, and the same change with the token passes.
        h, session = self.http_login("admin")
        number = self.w.sql("SELECT number FROM card WHERE kind = 'card' ORDER BY id LIMIT 1").strip()
        before = self.w.sql(f"SELECT status, version FROM card WHERE number = '{number}'")
        status, _, body = h.call("POST", "/v1/cards/disable", {"numbers": [number]})
        self.assertEqual(status, 403, body)
        self.assertEqual(json.loads(body)["error"]["code"], "csrf_token_invalid")
        self.assertEqual(self.w.sql(f"SELECT status, version FROM card WHERE number = '{number}'"), before)
        status, _, body = h.call("POST", "/v1/cards/disable", {"numbers": [number]}, {"X-CSRF-Token": session["csrf_token"]})
        self.assertEqual(status, 200, body)
        h.call("POST", "/v1/cards/enable", {"numbers": [number]}, {"X-CSRF-Token": session["csrf_token"]})

    # --- screens

    def test_05_cards_create_a_batch_and_print_its_list(self):
        # Proves an administrator creates a batch of cards in the page and gets its number +
        # PIN list, laid out for print (the print media shows the list without the menu).
        from selenium.webdriver.common.by import By
        self.login("admin")
        self.d.get(self.w.url + "/cards")
        self.wait_for("#cards-list table")
        count = self.d.find_element(By.ID, "batch-count")
        count.clear()
        count.send_keys("4")
        tariff = self.d.find_element(By.ID, "batch-tariff")
        tariff.clear()
        tariff.send_keys("demo-call-shop")
        self.d.find_element(By.ID, "batch-submit").click()
        self.wait_for("#pin-list li")
        items = self.d.find_elements(By.CSS_SELECTOR, "#pin-list li")
        self.assertEqual(len(items), 4)
        for li in items:
            self.assertRegex(li.text, r"^\d+ \d+$")
        self.d.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
        self.assertFalse(self.d.find_element(By.ID, "top").is_displayed())
        self.assertTrue(self.d.find_element(By.ID, "pin-list").is_displayed())
        self.shot("cards-print")
        self.d.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})

    def test_06_counter_open_a_booth_place_a_call_and_check_it_out(self):
        # Proves the counter's operator opens a shift and a free booth (prepaid), sees its tile
        # change by itself while a call placed through FreeRADIUS by the gateway simulator
        # talks (state, number, elapsed, running cost), may stop it from the tile (the
        # server's outcome shown), sees it after it ends (spent), and checks it out.
        from selenium.webdriver.common.by import By
        self.login("olga")
        self.wait_for("#booths article")
        if self.d.find_elements(By.ID, "shift-open"):
            self.d.find_element(By.ID, "shift-open").click()
            self.wait_for("#shift-close")
        tile = self.wait_for("#booth-710000000102")
        self.assertEqual(tile.get_attribute("data-state"), "free")
        tile.find_element(By.CSS_SELECTOR, "input.deposit").send_keys("5.00")
        tile.find_element(By.CSS_SELECTOR, "button.open-prepaid").click()
        self.wait_for("#booth-710000000102[data-state='open']")

        answer = self.w.booth("call 710000000102 5932 +442079460000 web-call-1@booth")
        self.assertTrue(answer.startswith("accepted"), answer)
        self.wait_for("#booth-710000000102[data-state='in_call'] .dialed", text="2079460000")
        self.wait_for("#booth-710000000102 .elapsed")
        # The running cost: the server's price of the seconds talked so far, in euro.
        cost = self.wait_for("#booth-710000000102 .running-cost")
        self.assertGreater(float(cost.get_attribute("data-amount")), 0)
        self.assertIn("€", cost.text)
        self.shot("counter-call")
        # "Stop the call" sends the booth's gateway a Disconnect-Request; this test's gateway has
        # no dynamic-authorization settings, so the server records it not sent and says so.
        self.wait_for("#booth-710000000102 button.booth-stop").click()
        self.wait_for("#counter-message .error", text="not sent")
        self.assertEqual(self.w.booth("stop 710000000102 +442079460000 web-call-1@booth 42"), "stopped")
        self.wait_for("#booth-710000000102[data-state='awaiting_checkout']")
        spent = self.wait_for("#booth-710000000102 .spent").text
        self.assertNotRegex(spent, r"[^0-9]0[.,]00\b", "the call's price shows as spent")
        self.wait_for("#booth-710000000102 button.checkout").click()
        self.wait_for("#booth-710000000102[data-state='free']")
        # The call is on the dashboard: one bar in the chart, and revenue.
        self.d.get(self.w.url + "/")
        self.wait_for("#calls-chart rect")
        self.assertTrue([r for r in self.d.find_elements(By.CSS_SELECTOR, "#calls-chart rect") if r.get_attribute("height") != "0"])
        self.shot("dashboard")
        self.d.get(self.w.url + "/counter")
        self.wait_for("#booth-710000000102[data-state='free']")
        # A change made elsewhere shows on the board within the polling period.
        self.w.run(["--as", "olga", "booths", "open", "710000000102", "--prepaid", "2.00"])
        self.wait_for("#booth-710000000102[data-state='open']")
        self.w.run(["--as", "olga", "booths", "close", "710000000102"])
        self.wait_for("#booth-710000000102[data-state='free']")

    def test_07_languages_bulgarian_and_portuguese(self):
        # Proves switching the language relabels the console (Bulgarian, Portuguese (Brazil))
        # and formats amounts for it, and that the choice is kept.
        from selenium.webdriver.support.ui import Select
        from selenium.webdriver.common.by import By
        self.login("admin")
        self.d.get(self.w.url + "/cards")
        self.wait_for("#cards-list table")
        Select(self.d.find_element(By.ID, "language")).select_by_value("bg")
        self.wait_for("#top nav a", text="Карти")
        self.wait_for("#cards-list table")
        self.assertIn("Карти", self.nav_texts())
        self.assertEqual(self.d.execute_script("return document.documentElement.lang"), "bg")
        self.shot("cards-bg")
        Select(self.d.find_element(By.ID, "language")).select_by_value("pt-BR")
        self.wait_for("#top nav a", text="Cartões")
        self.wait_for("#cards-list table")
        cells = " ".join(td.text for td in self.d.find_elements(By.CSS_SELECTOR, "#cards-list td.num"))
        self.assertRegex(cells, r"\d,\d{2}")  # decimal comma
        self.d.refresh()
        self.wait_for("#top nav a", text="Cartões")
        self.shot("cards-pt-BR")

    def test_08_logout_ends_the_session(self):
        # Proves the logout button ends the session: the API refuses the old cookie after.
        from selenium.webdriver.common.by import By
        self.login("admin")
        cookie = next(c["value"] for c in self.d.get_cookies() if c["name"] == "prepaid_session")
        self.logout()
        status, _, _ = Http(self.w.url).call("GET", "/v1/cards", headers={"Cookie": f"prepaid_session={cookie}"})
        self.assertEqual(status, 401)

    def test_09_prices_quote_simulator(self):
        # Proves the quote simulator prices a number for a duration and shows its spans.
        from selenium.webdriver.common.by import By
        self.login("admin")
        self.d.get(self.w.url + "/prices")
        self.wait_for("#quote-form")
        number = self.d.find_element(By.ID, "quote-number")
        number.clear()
        number.send_keys("+442079460000")
        self.d.find_element(By.ID, "quote-submit").click()
        price = self.wait_for("#quote-price")
        self.assertRegex(price.text, r"\d")
        self.wait_for("#quote-result table")

        # The rates searched by destination name (part of it, any case): the rows the API
        # answers for the same search, each naming a mobile destination.
        tariff = self.d.find_element(By.ID, "quote-tariff").get_attribute("value")
        base = [t for t in self.api_as("admin", "GET", "/v1/tariffs")["tariffs"] if t["name"] == tariff][0]["base_price_list"]
        wanted = self.api_as("admin", "GET", f"/v1/tariffs/{tariff}/lists/{base}/rates?destination=MOBILE&limit=200")["rates"]
        self.assertTrue(wanted, "the demo's base list has mobile destinations")
        self.d.find_element(By.ID, "rates-destination").send_keys("mobile")
        self.d.find_element(By.CSS_SELECTOR, "#rates-destination").submit()
        self.wait_for("#rates table tbody tr")
        rows = [[c.text for c in r.find_elements(By.CSS_SELECTOR, "td")][:2]
                for r in self.d.find_elements(By.CSS_SELECTOR, "#rates table tbody tr")]
        self.assertEqual(rows, [[x["prefix"], x["destination"]] for x in wanted])
        self.assertTrue(all("mobile" in d.lower() for _, d in rows), rows)

    def test_10_every_catalog_has_every_message(self):
        # Proves bg and pt-BR translate every key of the English catalog, and nothing else.
        self.login("admin")
        keys = self.d.execute_async_script("""
            const done = arguments[arguments.length - 1];
            Promise.all(["en", "bg", "pt-BR"].map((l) => import(`/js/messages/${l}.js`)))
              .then((m) => done(m.map((x) => Object.keys(x.default).sort())));""")
        self.assertGreater(len(keys[0]), 100)
        self.assertEqual(keys[1], keys[0], "bg")
        self.assertEqual(keys[2], keys[0], "pt-BR")

    def test_11_a_cards_page_ledger_and_recharge(self):
        # Proves a card's page shows its ledger and a recharge made there adds a ledger row.
        from selenium.webdriver.common.by import By
        self.login("admin")
        number = self.w.sql("SELECT number FROM card WHERE kind = 'card' AND status <> 'dropped' ORDER BY id LIMIT 1").strip()
        self.d.get(self.w.url + "/cards/" + number)
        self.wait_for("#recharge-form")
        rows = len(self.d.find_elements(By.CSS_SELECTOR, "main table tbody tr"))
        self.d.find_element(By.ID, "recharge-amount").send_keys("1.00")
        self.d.find_element(By.CSS_SELECTOR, "#recharge-form button").click()
        end = time.time() + 20
        while time.time() < end and len(self.d.find_elements(By.CSS_SELECTOR, "main table tbody tr")) != rows + 1:
            time.sleep(0.1)
        self.assertEqual(len(self.d.find_elements(By.CSS_SELECTOR, "main table tbody tr")), rows + 1)
        self.shot("card")
        # An administrator restarts the card's validity from today (cards touch): the page shows
        # the server's new dates, which the API confirms; an operator has no such button.
        if self.w.sql(f"SELECT activated_at IS NULL FROM card WHERE number = '{number}'").strip() == "1":
            self.w.admin(["cards", "activate", number])
        self.assertEqual(self.w.sql(f"SELECT expires_at IS NOT NULL FROM card WHERE number = '{number}'").strip(), "1")
        before = self.api_as("admin", "GET", f"/v1/cards/{number}")
        self.w.sql(f"UPDATE card SET last_recharged_at = last_recharged_at - 30 * 86400, "
                 f"expires_at = expires_at - 30 * 86400 WHERE number = '{number}'")
        self.d.get(self.w.url + "/cards/" + number)
        self.wait_for_screen()
        old_expiry = self.d.find_element(By.ID, "card-expires").text
        old_recharge = self.d.find_element(By.ID, "card-last-recharge").text
        self.click("#card-touch")
        self.wait_for("#card-message .ok")
        after = self.api_as("admin", "GET", f"/v1/cards/{number}")
        self.assertGreaterEqual(after["last_recharged_at"], before["last_recharged_at"])
        self.assertGreaterEqual(after["expires_at"], before["expires_at"])
        # The page shows the new dates (30 days later than those it loaded with).
        self.assertNotEqual(self.d.find_element(By.ID, "card-expires").text, old_expiry)
        self.assertNotEqual(self.d.find_element(By.ID, "card-last-recharge").text, old_recharge)
        self.assertTrue(self.d.find_element(By.ID, "card-last-recharge").text)
        self.logout()
        self.login("olga")
        self.d.get(self.w.url + "/cards/" + number)
        self.wait_for_screen()
        self.wait_for("#recharge-form")
        self.assertFalse(self.d.find_elements(By.ID, "card-touch"))

    def test_12_keyboard_only_login_and_a_phone_sized_screen(self):
        # Proves the login works by keyboard alone (Tab, typing, Enter), and that on a phone's
        # width the counter and the cards fit without scrolling sideways (tables scroll inside).
        from selenium.webdriver.common.action_chains import ActionChains
        from selenium.webdriver.common.keys import Keys
        try:
            self.d.set_window_size(390, 844)
            self.d.get(self.w.url + "/login")
            self.wait_for("#login-form")
            self.assertEqual(self.d.switch_to.active_element.get_attribute("id"), "login-name")
            ActionChains(self.d).send_keys("olga", Keys.TAB, self.w.passwords["olga"], Keys.ENTER).perform()
            self.wait_for("#who", text="olga")
            for path, marker in (("/counter", "#booths article"), ("/cards", "#cards-list table")):
                self.d.get(self.w.url + path)
                self.wait_for(marker)
                overflow = self.d.execute_script("return document.documentElement.scrollWidth - window.innerWidth")
                self.assertLessEqual(overflow, 0, path)
            self.shot("phone-cards")
        finally:
            self.d.set_window_size(1366, 768)

    def test_13_each_operator_keeps_its_language_on_a_shared_browser(self):
        # Proves the language is chosen per operator: olga's Bulgarian stays hers after ivan,
        # logging in on the same browser, picks Portuguese.
        from selenium.webdriver.support.ui import Select
        from selenium.webdriver.common.by import By
        self.login("olga")
        Select(self.d.find_element(By.ID, "language")).select_by_value("bg")
        self.wait_for("#top nav a", text="Карти")
        self.logout()
        self.login("ivan")
        Select(self.d.find_element(By.ID, "language")).select_by_value("pt-BR")
        self.wait_for("#top nav a", text="Cartões")
        self.logout()
        self.login("olga")
        self.wait_for("#top nav a", text="Карти")

    def test_14_counter_shift_close_and_its_report(self):
        # Proves the counter's operator closes its shift with the cash counted and gets the
        # report (float, cash in and out, expected, counted, difference).
        from selenium.webdriver.common.by import By
        self.login("olga")
        self.wait_for("#shift h2")
        if self.d.find_elements(By.ID, "shift-open"):
            self.d.find_element(By.ID, "shift-open").click()
        self.wait_for("#shift-counted").send_keys("0.00")
        self.d.find_element(By.ID, "shift-close").click()
        report = self.wait_for("#shift table")
        for label in ("Opening float", "Expected", "Cash counted", "Difference"):
            self.assertIn(label, report.text)
        self.shot("shift-report")


    # --- the counter's payments

    def api_as(self, name, method, path, body=None):
        h, session = self.http_login(name)
        status, _, text = h.call(method, path, body, {"X-CSRF-Token": session["csrf_token"]})
        self.assertLess(status, 300, text)
        return json.loads(text)

    def place_call(self, booth, pin, number, call_id, seconds):
        answer = self.w.booth(f"call {booth} {pin} {number} {call_id}")
        self.assertTrue(answer.startswith("accepted"), answer)
        self.wait_for(f"#booth-{booth}[data-state='in_call']")
        self.assertEqual(self.w.booth(f"stop {booth} {number} {call_id} {seconds}"), "stopped")
        self.wait_for(f"#booth-{booth}:not([data-state='in_call'])")

    def test_15_counter_pays_marks_unserved_checks_out_and_prints(self):
        # Proves the counter pays a selected call with an extra item and cash tendered (the due
        # amount after the shop's rounding and the change, shown before paying by the server's
        # preview, are the receipt's and equal the hand computation), marks a second call
        # unserved, checks out with the receipt in an 80 mm print view, shows it at 40 columns
        # as the server renders it (kept in this browser across a reload), reprints a receipt
        # by number, and shows the shift's complete report as the API gives it and by hand.
        from decimal import Decimal, ROUND_CEILING
        from selenium.webdriver.common.by import By
        self.w.admin(["shops", "configure", "demo-shop", "--rounding-step", "0.05", "--rounding", "up"])
        booth = "710000000101"
        self.login("olga")
        self.wait_for("#shift h2")
        if self.d.find_elements(By.ID, "shift-open"):
            self.d.find_element(By.ID, "shift-float").clear()
            self.d.find_element(By.ID, "shift-float").send_keys("10.00")
            self.d.find_element(By.ID, "shift-open").click()
        shift_id = self.wait_for("#shift-state").get_attribute("data-shift")
        float_ = Decimal(self.api_as("olga", "GET", f"/v1/shifts/{shift_id}")["opening_float"])
        tile = self.wait_for(f"#booth-{booth}[data-state='free']")
        tile.find_element(By.CSS_SELECTOR, "input.deposit").send_keys("5.00")
        tile.find_element(By.CSS_SELECTOR, "button.open-prepaid").click()
        self.wait_for(f"#booth-{booth}[data-state='open']")
        self.place_call(booth, "4821", "+442079460000", "web-pay-1@booth", 65)
        self.place_call(booth, "4821", "+359888123456", "web-pay-2@booth", 30)

        self.wait_for(f"#booth-{booth} button.booth-pay").click()
        self.wait_for("#booth-panel .call-state")
        calls = self.api_as("olga", "GET", f"/v1/booths/{booth}/calls")["calls"]
        self.assertEqual(len(calls), 2)
        self.assertEqual(len(self.d.find_elements(By.CSS_SELECTOR, "#booth-panel .call-state[data-state='unpaid']")), 2)
        first, second = calls
        p1, p2 = Decimal(first["price"]), Decimal(second["price"])
        self.assertGreater(p1, 0)

        self.d.find_element(By.CSS_SELECTOR, f"input.pick[data-call='{first['id']}']").click()
        self.d.find_element(By.ID, "extra-add").click()
        self.d.find_element(By.CSS_SELECTOR, "#extras .extra-label").send_keys("Coffee")
        self.d.find_element(By.CSS_SELECTOR, "#extras .extra-price").send_keys("0.75")
        qty = self.d.find_element(By.CSS_SELECTOR, "#extras .extra-qty")
        qty.clear()
        qty.send_keys("2")
        self.d.find_element(By.ID, "pay-tendered").send_keys("10.00")
        # Before paying, the form shows the server's preview of this payment: due and change.
        self.wait_for("#pay-preview-tendered[data-amount='10.00']")
        shown = self.d.execute_script("""
            const a = (id) => document.getElementById(id).dataset.amount;
            return [a('pay-preview-due'), a('pay-preview-change'), a('pay-preview-tendered')];""")
        self.shot("counter-payment-form")
        self.d.find_element(By.ID, "pay-selected").click()
        self.wait_for("#pay-facts")
        subtotal = p1 + Decimal("1.50")
        due = (subtotal / Decimal("0.05")).to_integral_value(ROUND_CEILING) * Decimal("0.05")
        change = Decimal("10.00") - due
        amount = lambda css: Decimal(self.d.find_element(By.CSS_SELECTOR, css).get_attribute("data-amount"))
        self.assertEqual([Decimal(x) for x in shown], [due, change, Decimal("10.00")])
        self.assertEqual(amount("#pay-total"), Decimal(shown[0]))  # the receipt's, as previewed
        self.assertEqual(amount("#pay-change"), Decimal(shown[1]))
        self.assertEqual(amount("#pay-total"), due)
        self.assertEqual(amount("#pay-rounding"), due - subtotal)
        self.assertEqual(amount("#pay-change"), change)
        self.assertIn(f"€{change:.2f}", self.d.find_element(By.ID, "pay-change").text)
        receipt1 = int(self.d.find_element(By.ID, "pay-facts").get_attribute("data-receipt"))
        self.wait_for("#print-text", text="Coffee")
        self.shot("counter-payment")
        self.wait_for(f"#booth-panel .call-state[data-call='{first['id']}'][data-state='paid']")

        self.d.find_element(By.CSS_SELECTOR, f"input.pick[data-call='{second['id']}']").click()
        self.d.find_element(By.ID, "unserved-reason").send_keys("bad line")
        self.d.find_element(By.ID, "mark-unserved").click()
        self.wait_for(f"#booth-panel .call-state[data-call='{second['id']}'][data-state='unserved']", text="bad line")

        self.click("#pay-checkout")
        self.wait_for(f"#pay-facts[data-receipt='{receipt1 + 1}']")
        self.assertEqual(amount("#pay-total"), Decimal("0"))
        self.assertEqual(amount("#pay-deposit_returned"), Decimal("5.00"))
        self.wait_for(f"#booth-{booth}[data-state='free']")
        text = self.wait_for("#print-text", text="(unserved)").text
        shown = self.api_as("olga", "GET", f"/v1/receipts/{receipt1 + 1}?shop=demo-shop&width=48")
        self.assertEqual([x.rstrip() for x in text.strip().splitlines()], [x.rstrip() for x in shown["text"].strip().splitlines()])
        self.d.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
        try:
            self.assertFalse(self.d.find_element(By.ID, "top").is_displayed())
            self.assertFalse(self.d.find_element(By.ID, "booth-panel").is_displayed())
            self.assertTrue(self.d.find_element(By.ID, "print-text").is_displayed())
            width_mm = self.d.execute_script("return document.getElementById('print-text').getBoundingClientRect().width * 25.4 / 96")
            self.assertAlmostEqual(width_mm, 80, delta=1)
            self.shot("receipt-print")
        finally:
            self.d.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})

        # The receipt at 40 columns, as the server renders it; the choice is kept in this browser.
        from selenium.webdriver.support.ui import Select
        Select(self.d.find_element(By.ID, "print-width")).select_by_value("40")
        narrow = self.api_as("olga", "GET", f"/v1/receipts/{receipt1 + 1}?shop=demo-shop&width=40")["text"]
        self.assertLessEqual(max(len(x) for x in narrow.splitlines()), 40)
        text = self.wait_for("#print-text[data-width='40']").text
        self.assertEqual([x.rstrip() for x in text.strip().splitlines()], [x.rstrip() for x in narrow.strip().splitlines()])
        self.d.find_element(By.ID, "reprint-number").send_keys(str(receipt1))
        self.d.find_element(By.ID, "reprint").click()
        self.wait_for("#print-text[data-width='40']", text="Coffee")
        self.d.refresh()
        self.wait_for_screen()
        self.wait_for("#reprint-number").send_keys(str(receipt1))
        self.d.find_element(By.ID, "reprint").click()
        self.wait_for("#print-text[data-width='40']", text="Coffee")
        self.assertEqual(Select(self.d.find_element(By.ID, "print-width")).first_selected_option.get_attribute("value"), "40")

        self.d.find_element(By.ID, "shift-show-report").click()
        self.wait_for("#report-revenue")
        rep = self.api_as("olga", "GET", f"/v1/shifts/{shift_id}")
        c = rep["counter"]
        self.assertEqual((c["paid"]["count"], Decimal(c["paid"]["amount"])), (1, p1))
        self.assertEqual((c["unserved"]["count"], Decimal(c["unserved"]["amount"])), (1, p2))
        self.assertEqual(Decimal(c["revenue"]), due)
        self.assertEqual(Decimal(c["extras"]), Decimal("1.50"))
        self.assertEqual(Decimal(c["rounding"]), due - subtotal)
        self.assertEqual(Decimal(c["cash_tendered"]), Decimal("10.00"))
        self.assertEqual(Decimal(c["change"]), change)
        self.assertEqual(Decimal(rep["expected"]), float_ + due)  # the deposit came in and went back
        for key, value in (("revenue", c["revenue"]), ("change", c["change"]), ("extras", c["extras"]),
                           ("cash_tendered", c["cash_tendered"]), ("expected", rep["expected"])):
            self.assertEqual(self.d.find_element(By.ID, "report-" + key).text, f"€{Decimal(value):.2f}", key)
        self.assertIn(f"€{p2:.2f}", self.d.find_element(By.ID, "report-calls-unserved").text)
        self.d.find_element(By.ID, "shift-print").click()
        self.wait_for("#print-text", text=f"{due:.2f}")
        self.shot("shift-report-counter")

    def test_16_an_administrator_undoes_a_payment(self):
        # Proves an administrator undoes a payment made before the checkout in the counter's
        # payments list, with a reason, and an operator has no undo button there.
        from selenium.webdriver.common.by import By
        booth = "710000000101"
        self.w.run(["--as", "olga", "booths", "open", booth, "--prepaid", "3.00"])
        self.assertTrue(self.w.booth(f"call {booth} 4821 +442079460000 web-undo-1@booth").startswith("accepted"))
        self.assertEqual(self.w.booth(f"stop {booth} +442079460000 web-undo-1@booth 20"), "stopped")
        call = self.api_as("olga", "GET", f"/v1/booths/{booth}/calls")["calls"][0]
        paid = self.api_as("olga", "POST", f"/v1/booths/{booth}/payments", {"calls": [str(call["id"])], "method": "card"})["payment"]
        self.login("olga")
        self.wait_for(f"#payments button.payment-show")
        self.assertFalse(self.d.find_elements(By.CSS_SELECTOR, "#payments button.payment-undo"))
        self.logout()
        self.login("admin")
        self.d.get(self.w.url + "/counter")
        undo = self.wait_for(f"#payments button.payment-undo[data-payment='{paid['id']}']")
        undo.find_element(By.XPATH, "..").find_element(By.CSS_SELECTOR, "input.undo-reason").send_keys("wrong booth")
        undo.click()
        self.wait_for("#payments td", text="Undone (wrong booth)")
        listed = self.api_as("admin", "GET", "/v1/payments?limit=5")["payments"]
        self.assertTrue(next(p for p in listed if p["id"] == paid["id"])["undone_at"])
        self.w.run(["--as", "olga", "booths", "close", booth])


    # --- prices

    def test_17_prices_import_export_and_refusal_of_a_price_list(self):
        # Proves an administrator imports a CSV price list with a progress bar (done at 100 %),
        # exports it back as CSV, and that a CSV with bad lines is refused with each bad line
        # shown and the list left as it was.
        import tempfile
        from selenium.webdriver.common.by import By
        self.login("admin")
        self.d.get(self.w.url + "/prices")
        self.wait_for("a.tariff-lists")
        self.d.find_element(By.CSS_SELECTOR, "a.tariff-lists[href='/prices/demo-call-shop/lists']").click()
        self.wait_for("#price-lists table")
        good = tempfile.NamedTemporaryFile("w", suffix=".csv", delete=False)
        good.write("prefix,destination,rate\n" + "".join(f"4420{i:03d},UK London {i},0.0{i % 9 + 1}\n" for i in range(300)))
        good.close()
        bad = tempfile.NamedTemporaryFile("w", suffix=".csv", delete=False)
        bad.write("prefix,destination,rate\n44,UK,0.02\nabc,Nowhere,0.01\n359,Bulgaria,-1\n")
        bad.close()
        try:
            self.d.find_element(By.ID, "import-list").send_keys("web-import")
            self.d.find_element(By.ID, "import-file").send_keys(good.name)
            self.d.find_element(By.ID, "import-submit").click()
            self.wait_for("#import-done", text="300")
            self.assertEqual(self.d.find_element(By.ID, "import-progress").get_attribute("value"), "100")
            self.shot("prices-import")
            link = self.wait_for("a.list-export[href$='/lists/web-import']")
            csv = self.d.execute_async_script("""
                const done = arguments[arguments.length - 1];
                fetch(arguments[0]).then((r) => r.text()).then(done);""", link.get_attribute("href"))
            self.assertIn("4420299", csv)
            self.assertIn("UK London 299", csv)
            self.allowed_errors = ["/lists/web-import"]  # the refusal below
            self.d.find_element(By.ID, "import-file").send_keys(bad.name)  # replaces the file chosen
            self.d.find_element(By.ID, "import-submit").click()
            refused = self.wait_for("#import-refused")
            self.assertIn("nothing changed", refused.text)
            self.assertGreaterEqual(len(refused.find_elements(By.CSS_SELECTOR, "li")), 2, refused.text)
            self.assertIn("abc", refused.text)
            lists = self.api_as("admin", "GET", "/v1/tariffs/demo-call-shop/lists")["lists"]
            self.assertEqual(next(x for x in lists if x["name"] == "web-import")["rates"], 300)
        finally:
            os.unlink(good.name)
            os.unlink(bad.name)

    def test_18_prices_rules_and_holidays(self):
        # Proves an administrator lists, adds and removes a tariff's price rules and holidays,
        # that a bad rule is refused with the API's message and adds nothing, and that an
        # operator sees them without the forms.
        from selenium.webdriver.common.by import By
        from selenium.webdriver.support.ui import Select
        self.login("admin")
        self.d.get(self.w.url + "/prices/demo-call-shop/rules")
        self.wait_for("#rules td", text="evening")
        rows = len(self.d.find_elements(By.CSS_SELECTOR, "#rules tbody tr"))
        self.allowed_errors = ["/v1/tariffs/demo-call-shop/rules"]  # the refusal below
        self.d.find_element(By.ID, "rule-name").send_keys("web-bad")
        self.d.find_element(By.ID, "rule-time").send_keys("10:00-10:00")
        self.d.find_element(By.ID, "rule-submit").click()
        self.wait_for("#rules-message .error")
        self.assertEqual(len(self.d.find_elements(By.CSS_SELECTOR, "#rules tbody tr")), rows)
        name = self.d.find_element(By.ID, "rule-name")
        name.clear()
        name.send_keys("web-night")
        Select(self.d.find_element(By.ID, "rule-list")).select_by_value("weekend")
        self.d.find_element(By.ID, "rule-weekdays").send_keys("mon-fri")
        t = self.d.find_element(By.ID, "rule-time")
        t.clear()
        t.send_keys("00:00-06:00")
        self.d.find_element(By.ID, "rule-submit").click()
        self.wait_for("#rules td", text="web-night")
        rules = self.api_as("admin", "GET", "/v1/tariffs/demo-call-shop/rules")["rules"]
        self.assertEqual(next(r for r in rules if r["name"] == "web-night")["time"], "00:00-06:00")
        self.d.find_element(By.ID, "holiday-date").send_keys("07-04")
        self.d.find_element(By.ID, "holiday-name").send_keys("Web Day")
        self.d.find_element(By.ID, "holiday-submit").click()
        self.wait_for("#holidays td", text="Web Day")
        self.shot("prices-rules")
        self.click("#rules button.rule-remove[data-key='web-night']")
        end = time.time() + 20
        while time.time() < end and "web-night" in self.d.find_element(By.ID, "rules").text:
            time.sleep(0.1)
        self.click("#holidays button.holiday-remove[data-key='07-04']")  # both tables re-rendered
        while time.time() < end and ("web-night" in self.d.find_element(By.ID, "rules").text
                                     or "Web Day" in self.d.find_element(By.ID, "holidays").text):
            time.sleep(0.1)
        self.assertNotIn("web-night", self.d.find_element(By.ID, "rules").text)
        self.assertNotIn("Web Day", self.d.find_element(By.ID, "holidays").text)
        names = [r["name"] for r in self.api_as("admin", "GET", "/v1/tariffs/demo-call-shop/rules")["rules"]]
        self.assertNotIn("web-night", names)
        self.logout()
        self.login("olga")
        self.d.get(self.w.url + "/prices/demo-call-shop/rules")
        self.wait_for("#holidays td", text="Christmas")
        self.assertFalse(self.d.find_elements(By.ID, "rule-form"))
        self.assertFalse(self.d.find_elements(By.CSS_SELECTOR, "button.rule-remove"))


    # --- the router under quick navigation

    def slow_network(self, latency_ms):
        self.d.execute_cdp_cmd("Network.enable", {})
        self.d.execute_cdp_cmd("Network.emulateNetworkConditions", {
            "offline": False, "latency": latency_ms, "downloadThroughput": -1, "uploadThroughput": -1})

    def test_19_quick_navigation_and_a_logout_mid_load_leave_the_right_screen(self):
        # Proves a screen's late answers, renders and polls never reach the page once the
        # operator has moved on: with every request slowed to 250 ms, clicking through every
        # screen faster than they load ends on the last one clicked with nothing of the others,
        # and logging out while the counter loads ends on the login page, sends nothing more
        # and answers nothing 401; no error in the browser's console either way.
        from selenium.webdriver.common.by import By
        self.login("admin")
        self.slow_network(250)
        try:
            for last, marker, title in (("/cards", "#cards-list table", "Cards"), ("/counter", "#booths article", "Counter"),
                                        ("/", "#calls-chart", "Dashboard")):
                # Each click finds the menu's link anew (a click re-renders the menu), as a user would.
                self.d.execute_script("""
                    const hrefs = [...document.querySelectorAll('#top nav a')].map((a) => a.getAttribute('href'));
                    for (const href of [...hrefs, ...hrefs, arguments[0]]) document.querySelector(`#top nav a[href='${href}']`).click();""", last)
                view = self.wait_for_screen(timeout=20)
                self.wait_for_quiet(timeout=20)
                self.wait_for(marker)
                self.assertEqual(len(self.d.find_elements(By.CSS_SELECTOR, "#main > *")), 1, last)
                self.assertEqual([h.text for h in self.d.find_elements(By.CSS_SELECTOR, "#main h1")], [title], last)
                self.assertEqual(view.get_attribute("data-generation"),
                                 self.d.find_element(By.CSS_SELECTOR, "#main > .view").get_attribute("data-generation"))
                self.assertTrue(self.d.current_url.endswith(last), self.d.current_url)
                self.check_console()
            # Logging out while the counter loads (and then while it polls).
            for wait in (False, True):
                self.d.execute_script("document.querySelector(\"#top nav a[href='/counter']\").click()")
                if wait:
                    self.wait_for("#booths article", timeout=20)
                # Clicked by script, as the menu above: a pointer's click is aimed where the button
                # was when found, and the loading screen can still move it.
                self.d.execute_script("document.getElementById('logout').click()")
                self.wait_for("#login-form", timeout=20)
                self.wait_for_quiet(timeout=20)
                sent = self.d.execute_script("return document.documentElement.dataset.sent")
                # Past the counter's 2 s poll: nothing is sent, the login page stays.
                end = time.time() + 3
                while time.time() < end:
                    self.assertEqual(self.d.execute_script("return document.documentElement.dataset.sent"), sent)
                    self.assertTrue(self.d.find_element(By.ID, "login-form").is_displayed())
                    time.sleep(0.2)
                self.assertFalse(self.d.find_elements(By.ID, "booths"))
                self.check_console()
                self.login("admin")
        finally:
            self.d.execute_cdp_cmd("Network.emulateNetworkConditions", {
                "offline": False, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1})

    # --- the shop's upstream balance on the counter board

    def test_20_the_counter_warns_of_the_shops_upstream_balance(self):
        # Proves the counter board shows the shop's upstream balance and threshold in a banner:
        # red while booths are refused (nothing on it), a warning at the threshold, none above
        # it, following recharges made elsewhere while the board is open.
        from selenium.webdriver.common.by import By
        self.w.admin(["shops", "configure", "demo-shop", "--cost-tariff", "demo-call-shop"])
        self.w.admin(["shops", "upstream", "configure", "demo-shop", "--warn-below", "5.00"])
        try:
            self.login("olga")
            banner = self.wait_for("#upstream-banner[data-refusing='true']")
            self.assertIn("refusing", banner.get_attribute("class"))
            self.assertIn("too low", banner.text)
            self.assertIn("€0.00", banner.text)
            self.assertIn("€5.00", banner.text)
            self.assertEqual(self.w.sql("SELECT COUNT(*) FROM shop_upstream_ledger").strip(), "0")
            self.w.admin(["shops", "upstream", "recharge", "demo-shop", "--amount", "5.00"])
            banner = self.wait_for("#upstream-banner[data-refusing='false']")
            self.assertIn("warning", banner.get_attribute("class"))
            self.assertIn("€5.00", banner.text)
            self.shot("counter-upstream")
            self.w.admin(["shops", "upstream", "recharge", "demo-shop", "--amount", "0.01"])
            end = time.time() + 20
            while time.time() < end and self.d.find_elements(By.ID, "upstream-banner"):
                time.sleep(0.1)
            self.assertFalse(self.d.find_elements(By.ID, "upstream-banner"))
        finally:
            # Above its threshold and no cost tariff: the other tests' booth calls cost nothing there.
            self.w.admin(["shops", "upstream", "recharge", "demo-shop", "--amount", "20.00"])
            self.w.admin(["shops", "configure", "demo-shop", "--cost-tariff", ""])

    # --- the operator's language, stored on the server

    def test_21_the_language_follows_the_operator_to_any_browser(self):
        # Proves the language an operator picks in the console is stored on the server and
        # audited: after picking Bulgarian, logging out and clearing the browser (cookies and
        # local storage: as a new browser profile), its login shows Bulgarian again; picking
        # "the browser's language" stores none and shows this browser's English.
        from selenium.webdriver.support.ui import Select
        from selenium.webdriver.common.by import By
        self.login("olga")
        Select(self.d.find_element(By.ID, "language")).select_by_value("bg")
        self.wait_for("#top nav a", text="Карти")
        self.assertEqual(self.w.sql("SELECT language FROM operator WHERE name = 'olga'").strip(), "bg")
        self.assertIn("olga", self.w.sql("SELECT actor FROM audit_log WHERE action = 'operator.language' ORDER BY id DESC LIMIT 1"))
        self.logout()
        self.d.delete_all_cookies()
        self.d.execute_script("localStorage.clear()")
        self.d.get(self.w.url + "/login")
        self.wait_for("#login-submit", text="Log in")  # this browser's English before the login
        self.login("olga")
        self.wait_for("#top nav a", text="Карти")
        self.assertEqual(self.d.execute_script("return document.documentElement.lang"), "bg")
        self.assertEqual(Select(self.d.find_element(By.ID, "language")).first_selected_option.get_attribute("value"), "bg")
        Select(self.d.find_element(By.ID, "language")).select_by_value("browser")
        self.wait_for("#top nav a", text="Cards")
        self.assertEqual(self.w.sql("SELECT language FROM operator WHERE name = 'olga'").strip(), "")

    # --- the dashboard

    def test_22_dashboard_figures_are_the_servers_summary(self):
        # Proves the dashboard's calls today, revenue today and revenue this month are the
        # API's summary in the shop's zone (GET /v1/calls/summary, by hour and by day) and that
        # no call list is fetched for them; the calls chart has one bar per local hour of today
        # with its count above it and a hover title on the bar, filling the panel's width; the
        # revenue chart has one bar per day and currency with the server's amount.
        import datetime
        import zoneinfo
        from selenium.webdriver.common.by import By
        booth = "710000000102"
        self.w.run(["--as", "olga", "booths", "open", booth, "--prepaid", "3.00"])
        answer = self.w.booth(f"call {booth} 5932 +442079460000 web-dash-1@booth")
        self.assertTrue(answer.startswith("accepted"), answer)
        self.assertEqual(self.w.booth(f"stop {booth} +442079460000 web-dash-1@booth 95"), "stopped")
        self.login("olga")
        self.d.get(self.w.url + "/")
        self.wait_for("#calls-chart rect")
        self.wait_for("#revenue-chart")
        today = self.api_as("olga", "GET", "/v1/calls/summary?zone=Europe/Sofia&by=hour")
        now = datetime.datetime.now(zoneinfo.ZoneInfo("Europe/Sofia"))
        first = now.date().replace(day=1)
        after = (first + datetime.timedelta(days=32)).replace(day=1)
        month = self.api_as("olga", "GET", f"/v1/calls/summary?zone=Europe/Sofia&by=day&from={first}&to={after}")
        self.assertGreaterEqual(today["total"]["calls"], 1)
        self.assertEqual(len(month["periods"]), (after - first).days)

        shown = self.d.find_element(By.CSS_SELECTOR, "#dash-calls .big")
        self.assertEqual(shown.get_attribute("data-calls"), str(today["total"]["calls"]))
        self.assertEqual(shown.text, str(today["total"]["calls"]))
        for box, summary in (("#dash-revenue-today", today), ("#dash-revenue-month", month)):
            lines = self.d.find_elements(By.CSS_SELECTOR, f"{box} .revenue")
            self.assertEqual([(e.get_attribute("data-currency"), e.get_attribute("data-amount")) for e in lines],
                             [(r["currency"], r["amount"]) for r in summary["total"]["revenue"]], box)
            self.assertTrue(lines, box)
            self.assertTrue(all("€" in e.text for e in lines), box)
        self.assertGreaterEqual(self.d.execute_script("return Number(arguments[0].dataset.amount)", lines[0]), 0.01)
        fetched = self.d.execute_script("return performance.getEntriesByType('resource').map((e) => e.name)")
        self.assertTrue([u for u in fetched if "/v1/calls/summary" in u])
        self.assertFalse([u for u in fetched if re.search(r"/v1/calls(\?|$)", u)], "a call list was fetched")

        bars = self.d.find_elements(By.CSS_SELECTOR, "#calls-chart rect.bar")
        self.assertEqual([(b.get_attribute("data-start"), int(b.get_attribute("data-calls"))) for b in bars],
                         [(p["start"], p["calls"]) for p in today["periods"]])
        busy = [b for b, p in zip(bars, today["periods"]) if p["calls"]]
        self.assertTrue(busy)
        for b in busy:
            self.assertNotEqual(b.get_attribute("height"), "0")
            title = self.d.execute_script("return arguments[0].querySelector('title').textContent", b)
            self.assertIn(b.get_attribute("data-calls"), title)
        counts = [e.text for e in self.d.find_elements(By.CSS_SELECTOR, "#calls-chart text.count")]
        self.assertEqual(counts, [str(p["calls"]) for p in today["periods"] if p["calls"]])
        svg_width, panel_width = self.d.execute_script("""
            const svg = document.getElementById('calls-chart'), panel = svg.closest('.panel');
            const style = getComputedStyle(panel);
            return [svg.getBoundingClientRect().width,
                    panel.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight)];""")
        self.assertGreater(svg_width, 0.98 * panel_width)

        revenue_bars = self.d.find_elements(By.CSS_SELECTOR, "#revenue-chart rect.bar")
        self.assertEqual(sorted((b.get_attribute("data-start"), b.get_attribute("data-currency"), b.get_attribute("data-amount")) for b in revenue_bars),
                         sorted((p["start"], r["currency"], r["amount"]) for p in month["periods"] for r in p["revenue"]))
        self.assertTrue(revenue_bars)
        legend = self.wait_for("#revenue-chart + .legend").text
        self.assertIn("EUR", legend)
        self.d.set_window_size(1366, 1000)  # both charts in the picture
        try:
            self.shot("dashboard")
        finally:
            self.d.set_window_size(1366, 768)


def main():
    global ARGS, WORLD
    p = argparse.ArgumentParser()
    p.add_argument("--prepaidctl", required=True)
    p.add_argument("--demo-data", required=True)
    p.add_argument("--booth-caller", required=True)
    p.add_argument("--tariff", required=True)
    p.add_argument("--screenshots", required=True)
    ARGS = p.parse_args()
    try:
        import selenium  # noqa: F401 - Debian's python3-selenium
    except ImportError:
        print("FAIL: python3-selenium is missing (apt-get install python3-selenium); run with /usr/bin/python3", file=sys.stderr)
        return 1
    try:
        WORLD = World(ARGS)
    except Exception as e:  # noqa: BLE001 - reported as the test's failure
        print(f"FAIL: could not start the console's world: {e}", file=sys.stderr)
        if WORLD:
            WORLD.close()
        return 1
    loader = unittest.TestLoader()
    if os.environ.get("PREPAID_WEB_TESTS"):  # e.g. "test_19": only the tests whose names match
        loader.testNamePatterns = [f"*{p}*" for p in os.environ["PREPAID_WEB_TESTS"].split(",")]
    try:
        result = unittest.TextTestRunner(verbosity=2).run(loader.loadTestsFromTestCase(ConsoleTest))
    finally:
        WORLD.close()
    return 0 if result.wasSuccessful() and result.testsRun > 0 else 1


if __name__ == "__main__":
    sys.exit(main())
