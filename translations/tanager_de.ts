<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>main</name>
    <message>
        <location filename="../app/main.cpp" line="+29"/>
        <source>Usage: tanager [COMMAND] [OPTIONS]

With no command, opens the window.

Commands:
  send      send one HTTP request
  history   list or show recorded exchanges
  dlq       list, show, re-drive or purge dead letters
  catch     receive webhooks, store and print each one
  auth      OAuth2 profiles: add, login, token, show, logout

Options:
  --version  print the version
  --help     print this help

Run &apos;tanager COMMAND --help&apos; for a command&apos;s options.
</source>
        <translation>Aufruf: tanager [BEFEHL] [OPTIONEN]

Ohne Befehl wird das Fenster geöffnet.

Befehle:
  send      eine HTTP-Anfrage senden
  history   aufgezeichnete Austausche auflisten oder anzeigen
  dlq       unzustellbare Anfragen auflisten, anzeigen, erneut senden oder löschen
  catch     Webhooks empfangen, jeden speichern und ausgeben
  auth      OAuth2-Profile: add, login, token, show, logout

Optionen:
  --version  die Version ausgeben
  --help     diese Hilfe ausgeben

Die Optionen eines Befehls zeigt &apos;tanager BEFEHL --help&apos;.
</translation>
    </message>
    <message>
        <location line="+70"/>
        <source>Unknown command &quot;%1&quot;: run tanager --help.</source>
        <translation>Unbekannter Befehl „%1“: führen Sie tanager --help aus.</translation>
    </message>
</context>
<context>
    <name>tanager::AppServices</name>
    <message>
        <location filename="../app/AppServices.cpp" line="+95"/>
        <source>The history database is damaged: Tanager will keep it aside and start a new one when it next starts. Export what you need now.</source>
        <translation>Die Verlaufsdatenbank ist beschädigt: Tanager legt sie beim nächsten Start beiseite und beginnt eine neue. Exportieren Sie jetzt, was Sie brauchen.</translation>
    </message>
</context>
<context>
    <name>tanager::AuthCommand</name>
    <message>
        <location filename="../app/AuthCommand.cpp" line="+35"/>
        <source>tanager auth add PROFILE --grant GRANT [--issuer URL | --token-url URL ...] --client-id ID [options]
       tanager auth login PROFILE [--no-browser] [--timeout SECONDS]
       tanager auth token PROFILE
       tanager auth show PROFILE [--reveal] [--json]
       tanager auth list
       tanager auth logout PROFILE
       tanager auth remove PROFILE</source>
        <translation>tanager auth add PROFIL --grant GRANT [--issuer URL | --token-url URL ...] --client-id ID [Optionen]
        tanager auth login PROFIL [--no-browser] [--timeout SEKUNDEN]
        tanager auth token PROFIL
        tanager auth show PROFIL [--reveal] [--json]
        tanager auth list
        tanager auth logout PROFIL
        tanager auth remove PROFIL</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>The OAuth2 profile&apos;s name.</source>
        <translation>Der Name des OAuth2-Profils.</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+333"/>
        <source> (see tanager auth --help)</source>
        <translation> (siehe tanager auth --help)</translation>
    </message>
    <message>
        <location line="-329"/>
        <source>Name one OAuth2 profile, e.g. tanager %1 my-api.</source>
        <translation>Geben Sie ein OAuth2-Profil an, z. B. tanager %1 my-api.</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>auth needs a subcommand: add, login, token, show, list, logout or remove (see tanager auth --help).</source>
        <translation>auth braucht einen Unterbefehl: add, login, token, show, list, logout oder remove (siehe tanager auth --help).</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Usage: %1</source>
        <translation>Aufruf: %1</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Unknown auth subcommand &quot;%1&quot;: use add, login, token, show, list, logout or remove (see tanager auth --help).</source>
        <translation>Unbekannter auth-Unterbefehl „%1“: Verwenden Sie add, login, token, show, list, logout oder remove (siehe tanager auth --help).</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>authorization_code, client_credentials, device_code or password.</source>
        <translation>authorization_code, client_credentials, device_code oder password.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>grant</source>
        <translation>Grant</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>OpenID issuer: the endpoints come from its discovery document.</source>
        <translation>OpenID-Aussteller: Die Endpunkte stammen aus seinem Discovery-Dokument.</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+1"/>
        <location line="+1"/>
        <location line="+1"/>
        <location line="+1"/>
        <source>url</source>
        <translation>URL</translation>
    </message>
    <message>
        <location line="-3"/>
        <source>Authorization endpoint.</source>
        <translation>Autorisierungsendpunkt.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Token endpoint.</source>
        <translation>Token-Endpunkt.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Device authorization endpoint.</source>
        <translation>Endpunkt für die Geräteautorisierung.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>JWKS to check token signatures against.</source>
        <translation>JWKS, gegen das Token-Signaturen geprüft werden.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The client&apos;s id.</source>
        <translation>Die ID des Clients.</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>id</source>
        <translation>ID</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The client&apos;s secret, or env:NAME.</source>
        <translation>Das Client-Secret oder env:NAME.</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>secret</source>
        <translation>Secret</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>How the client authenticates: basic (default), post or none.</source>
        <translation>Wie sich der Client authentifiziert: basic (Standard), post oder none.</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>method</source>
        <translation>Methode</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A scope to ask for; repeat or separate with spaces.</source>
        <translation>Ein anzufragender Scope; wiederholen oder durch Leerzeichen trennen.</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>scope</source>
        <translation>Scope</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>An extra parameter NAME=VALUE (audience, resource, prompt).</source>
        <translation>Ein zusätzlicher Parameter NAME=WERT (audience, resource, prompt).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>name=value</source>
        <translation>Name=Wert</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Loopback port for the redirect (default: any free port).</source>
        <translation>Loopback-Port für den Redirect (Standard: ein beliebiger freier Port).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>port</source>
        <translation>Port</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Do not send a PKCE challenge (only for servers that reject it).</source>
        <translation>Keine PKCE-Challenge senden (nur für Server, die sie ablehnen).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Password grant: the user&apos;s name.</source>
        <translation>Password-Grant: der Benutzername.</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Password grant: the password, or env:NAME.</source>
        <translation>Password-Grant: das Passwort oder env:NAME.</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>password</source>
        <translation>Passwort</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>--grant must be one of %1.</source>
        <translation>--grant muss einer der Werte %1 sein.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>--%1 &quot;%2&quot; is not an http(s) URL: give the full address, e.g. https://id.example.com.</source>
        <translation>--%1 „%2“ ist keine http(s)-URL: Geben Sie die vollständige Adresse an, z. B. https://id.example.com.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>A profile needs --issuer or --token-url.</source>
        <translation>Ein Profil braucht --issuer oder --token-url.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The authorization code grant needs --issuer or --authorization-url.</source>
        <translation>Der Authorization-Code-Grant braucht --issuer oder --authorization-url.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The device code grant needs --issuer or --device-url.</source>
        <translation>Der Device-Code-Grant braucht --issuer oder --device-url.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>A profile needs --client-id.</source>
        <translation>Ein Profil braucht --client-id.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>--client-auth must be basic, post or none.</source>
        <translation>--client-auth muss basic, post oder none sein.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>--client-auth %1 needs --client-secret.</source>
        <translation>--client-auth %1 braucht --client-secret.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The client credentials grant needs --client-secret.</source>
        <translation>Der Client-Credentials-Grant braucht --client-secret.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>--param &quot;%1&quot; needs the form NAME=VALUE.</source>
        <translation>--param „%1“ muss die Form NAME=WERT haben.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>--port needs a port number from 1 to 65535.</source>
        <translation>--port braucht eine Portnummer von 1 bis 65535.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>The password grant needs --username and --password.</source>
        <translation>Der Password-Grant braucht --username und --password.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Saved OAuth2 profile &quot;%1&quot;; its secrets are in the keychain. Sign in with: tanager auth login %1
</source>
        <translation>OAuth2-Profil „%1“ gespeichert; seine Secrets liegen im Schlüsselbund. Anmelden mit: tanager auth login %1
</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Print the sign-in address instead of opening a browser.</source>
        <translation>Die Anmeldeadresse ausgeben, statt einen Browser zu öffnen.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Give up after this many seconds (default 300).</source>
        <translation>Nach so vielen Sekunden aufgeben (Standard 300).</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>seconds</source>
        <translation>Sekunden</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>--timeout needs a number of seconds above 0.</source>
        <translation>--timeout braucht eine Sekundenzahl größer als 0.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>expires in %1 s</source>
        <translation>läuft in %1 s ab</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>no expiry given</source>
        <translation>keine Ablaufzeit angegeben</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Signed in to &quot;%1&quot;: %2 token, %3, scopes: %4%5.
</source>
        <translation>Bei „%1“ angemeldet: %2-Token, %3, Scopes: %4%5.
</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>(none)</source>
        <translation>(keine)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>, with a refresh token</source>
        <translation>, mit einem Refresh-Token</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Open this address in a browser to sign in:
%1
</source>
        <translation>Öffnen Sie diese Adresse in einem Browser, um sich anzumelden:
%1
</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>To sign in, visit %1 and enter the code %2 (valid for %3 s).%4
</source>
        <translation>Besuchen Sie zum Anmelden %1 und geben Sie den Code %2 ein (gültig für %3 s).%4
</translation>
    </message>
    <message>
        <location line="+3"/>
        <source> Or open %1</source>
        <translation> Oder öffnen Sie %1</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Print the tokens themselves, not just their ends.</source>
        <translation>Die Tokens selbst ausgeben, nicht nur ihre Enden.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Print JSON.</source>
        <translation>JSON ausgeben.</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>Profile: %1
Grant: %2
Client: %3
</source>
        <translation>Profil: %1
Grant: %2
Client: %3
</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Issuer: %1
</source>
        <translation>Aussteller: %1
</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Token endpoint: %1
</source>
        <translation>Token-Endpunkt: %1
</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Scopes asked for: %1
</source>
        <translation>Angefragte Scopes: %1
</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Not signed in: run tanager auth login %1
</source>
        <translation>Nicht angemeldet: Führen Sie tanager auth login %1 aus
</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>not signed in</source>
        <translation>nicht angemeldet</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>signed in, expires %1</source>
        <translation>angemeldet, Ablauf %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>signed in</source>
        <translation>angemeldet</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Signed out of &quot;%1&quot;: its tokens are deleted.
</source>
        <translation>Bei „%1“ abgemeldet: Seine Tokens wurden gelöscht.
</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&quot;%1&quot; had no saved tokens.
</source>
        <translation>„%1“ hatte keine gespeicherten Tokens.
</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Removed OAuth2 profile &quot;%1&quot; with its secrets and tokens.
</source>
        <translation>OAuth2-Profil „%1“ mit seinen Secrets und Tokens entfernt.
</translation>
    </message>
</context>
<context>
    <name>tanager::AuthEditor</name>
    <message>
        <location filename="../ui/auth/AuthEditor.cpp" line="+63"/>
        <source>No auth</source>
        <translation>Keine Authentifizierung</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Basic auth</source>
        <translation>Basic Auth</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Bearer token</source>
        <translation>Bearer-Token</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>API key in header</source>
        <translation>API-Schlüssel im Header</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>API key in query</source>
        <translation>API-Schlüssel als Query-Parameter</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Digest auth</source>
        <translation>Digest-Auth</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>JWT bearer</source>
        <translation>JWT-Bearer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>OAuth 2.0</source>
        <translation>OAuth 2.0</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Authentication type</source>
        <translation>Authentifizierungsart</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This request sends no authentication.</source>
        <translation>Diese Anfrage sendet keine Authentifizierung.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Username:</source>
        <translation>Benutzername:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Password:</source>
        <translation>Passwort:</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Token:</source>
        <translation>Token:</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Key name:</source>
        <translation>Schlüsselname:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Value:</source>
        <translation>Wert:</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Profile:</source>
        <translation>Profil:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the OAuth2 profile whose access token is sent</source>
        <translation>das OAuth2-Profil, dessen Access-Token gesendet wird</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Manage profiles…</source>
        <translation>Profile &amp;verwalten…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Edit OAuth2 profiles and get tokens (Ctrl+Alt+O)</source>
        <translation>OAuth2-Profile bearbeiten und Tokens abrufen (Ctrl+Alt+O)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Values may use {{variables}} from the active environment.</source>
        <translation>Werte können {{Variablen}} aus der aktiven Umgebung enthalten.</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>JWT algorithm</source>
        <translation>JWT-Algorithmus</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Algorithm:</source>
        <translation>Algorithmus:</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Secret:</source>
        <translation>Secret:</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>PEM private key file</source>
        <translation>PEM-Datei mit privatem Schlüssel</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose the JWT signing key</source>
        <translation>JWT-Signaturschlüssel auswählen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Key file:</source>
        <translation>Schlüsseldatei:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Or paste key:</source>
        <translation>Oder Schlüssel einfügen:</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+119"/>
        <source>Header:</source>
        <translation>Header:</translation>
    </message>
    <message>
        <location line="-118"/>
        <location line="+118"/>
        <source>Claims:</source>
        <translation>Claims:</translation>
    </message>
    <message>
        <location line="-116"/>
        <source>Send in header:</source>
        <translation>Im Header senden:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Prefix:</source>
        <translation>Präfix:</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Signed token preview</source>
        <translation>Vorschau des signierten Tokens</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Preview:</source>
        <translation>Vorschau:</translation>
    </message>
    <message>
        <location line="+111"/>
        <source>Expires %1</source>
        <translation>Ablauf %1</translation>
    </message>
</context>
<context>
    <name>tanager::AuthService</name>
    <message>
        <location filename="../core/auth/AuthService.cpp" line="+112"/>
        <source>OAuth2 auth needs a profile name: enter the profile to take the token from.</source>
        <translation>OAuth2-Auth braucht einen Profilnamen: Geben Sie das Profil ein, aus dem das Token stammt.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>OAuth2 profile &quot;%1&quot; cannot be used here: no OAuth2 token source is set up yet; use a Bearer token instead.</source>
        <translation>OAuth2-Profil „%1“ kann hier nicht verwendet werden: Es ist noch keine OAuth2-Token-Quelle eingerichtet; verwenden Sie stattdessen ein Bearer-Token.</translation>
    </message>
</context>
<context>
    <name>tanager::AuthorizationCodeFlow</name>
    <message>
        <location filename="../core/auth/AuthorizationCodeFlow.cpp" line="+37"/>
        <source>The profile has no authorization endpoint: enter it, or the issuer to discover it.</source>
        <translation>Das Profil hat keinen Autorisierungsendpunkt: Geben Sie ihn ein oder den Aussteller, über den er ermittelt wird.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>There is no way to open a browser for signing in.</source>
        <translation>Es gibt keine Möglichkeit, einen Browser zur Anmeldung zu öffnen.</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>Browser sent to the authorization endpoint</source>
        <translation>Browser an den Autorisierungsendpunkt geschickt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Waiting for you to sign in in the browser...</source>
        <translation>Warten auf Ihre Anmeldung im Browser...</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Sign-in already finished</source>
        <translation>Anmeldung bereits abgeschlossen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tanager already received the answer for this sign-in. You can close this window.</source>
        <translation>Tanager hat die Antwort für diese Anmeldung bereits erhalten. Sie können dieses Fenster schließen.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Redirect received from the browser</source>
        <translation>Redirect vom Browser empfangen</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>(see %1)</source>
        <translation>(siehe %1)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The authorization server refused the sign-in: %1</source>
        <translation>Der Autorisierungsserver hat die Anmeldung abgelehnt: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Sign-in refused</source>
        <translation>Anmeldung abgelehnt</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>You can close this window.</source>
        <translation>Sie können dieses Fenster schließen.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The redirect&apos;s state does not match the one Tanager sent, so it may not come from this sign-in: start the sign-in again.</source>
        <translation>Der State des Redirects stimmt nicht mit dem von Tanager gesendeten überein, er stammt also möglicherweise nicht von dieser Anmeldung: Starten Sie die Anmeldung erneut.</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+9"/>
        <source>Sign-in rejected</source>
        <translation>Anmeldung zurückgewiesen</translation>
    </message>
    <message>
        <location line="-3"/>
        <source>The redirect comes from issuer %1, not %2: start the sign-in again.</source>
        <translation>Der Redirect stammt vom Aussteller %1, nicht von %2: Starten Sie die Anmeldung erneut.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The redirect carries no authorization code: the provider is misbehaving.</source>
        <translation>Der Redirect enthält keinen Autorisierungscode: Der Anbieter verhält sich fehlerhaft.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Sign-in failed</source>
        <translation>Anmeldung fehlgeschlagen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Signed in to Tanager</source>
        <translation>Bei Tanager angemeldet</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Tanager received the sign-in. You can close this window now.</source>
        <translation>Tanager hat die Anmeldung erhalten. Sie können dieses Fenster jetzt schließen.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Exchanging the authorization code for tokens...</source>
        <translation>Autorisierungscode wird gegen Tokens getauscht...</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Token request (authorization_code)</source>
        <translation>Token-Anfrage (authorization_code)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The provider sent no ID token although the openid scope was asked for: check the client&apos;s settings.</source>
        <translation>Der Anbieter hat kein ID-Token gesendet, obwohl der Scope openid angefragt wurde: Prüfen Sie die Einstellungen des Clients.</translation>
    </message>
    <message>
        <location filename="../core/auth/AuthorizationCodeFlow.h" line="+24"/>
        <source>Authorization code</source>
        <translation>Autorisierungscode</translation>
    </message>
</context>
<context>
    <name>tanager::BodyEditor</name>
    <message>
        <location filename="../ui/BodyEditor.cpp" line="+28"/>
        <source>None</source>
        <translation>Ohne</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Raw</source>
        <translation>Roh</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>x-www-form-urlencoded</source>
        <translation>x-www-form-urlencoded</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Multipart form</source>
        <translation>Multipart-Formular</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Binary file</source>
        <translation>Binärdatei</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Body type</source>
        <translation>Body-Typ</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>JSON</source>
        <translation>JSON</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>XML</source>
        <translation>XML</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Text</source>
        <translation>Text</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>HTML</source>
        <translation>HTML</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>JavaScript</source>
        <translation>JavaScript</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Raw body type</source>
        <translation>Typ des Roh-Bodys</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This request has no body.</source>
        <translation>Diese Anfrage hat keinen Body.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Request body; {{variables}} are resolved when sent</source>
        <translation>Anfrage-Body; {{Variablen}} werden beim Senden aufgelöst</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Field</source>
        <translation>Feld</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>File sent as the body, streamed from disk</source>
        <translation>Datei, die als Body gesendet wird, direkt vom Datenträger gestreamt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Guessed from the file name</source>
        <translation>Aus dem Dateinamen abgeleitet</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>File:</source>
        <translation>Datei:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Content type:</source>
        <translation>Content-Type:</translation>
    </message>
</context>
<context>
    <name>tanager::BodyFindBar</name>
    <message>
        <location filename="../ui/body/BodyFindBar.cpp" line="+22"/>
        <source>Match case</source>
        <translation>Groß-/Kleinschreibung beachten</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Find</source>
        <translation>Suchen</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Previous match (Shift+Enter)</source>
        <translation>Vorheriger Treffer (Shift+Enter)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Next match (Enter)</source>
        <translation>Nächster Treffer (Enter)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Close (Esc)</source>
        <translation>Schließen (Esc)</translation>
    </message>
</context>
<context>
    <name>tanager::BodyNoticeBar</name>
    <message>
        <location filename="../ui/body/BodyNoticeBar.cpp" line="+15"/>
        <source>Show as Hex</source>
        <translation>Als Hex anzeigen</translation>
    </message>
</context>
<context>
    <name>tanager::BodySource</name>
    <message>
        <location filename="../core/http/BodySource.cpp" line="+53"/>
        <source>Cannot read body file %1: %2</source>
        <translation>Die Body-Datei %1 kann nicht gelesen werden: %2</translation>
    </message>
</context>
<context>
    <name>tanager::BodyView</name>
    <message>
        <location filename="../ui/body/BodyView.cpp" line="+262"/>
        <source>Formatting JSON… %1% (the body is shown as received until then)</source>
        <translation>JSON wird formatiert… %1 % (bis dahin wird der Body wie empfangen angezeigt)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1. The body is shown as received.</source>
        <translation>%1. Der Body wird wie empfangen angezeigt.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The body is not valid UTF-8: bytes that are not are shown as �.</source>
        <translation>Der Body ist kein gültiges UTF-8: ungültige Bytes werden als � angezeigt.</translation>
    </message>
    <message>
        <location line="+180"/>
        <source>Searching…</source>
        <translation>Suche läuft…</translation>
    </message>
    <message>
        <location line="+65"/>
        <source>No matches</source>
        <translation>Keine Treffer</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 of %2%3</source>
        <translation>%1 von %2%3</translation>
    </message>
</context>
<context>
    <name>tanager::BreakerView</name>
    <message>
        <location filename="../ui/resilience/BreakerView.cpp" line="+44"/>
        <source>Force open</source>
        <translation>Öffnen erzwingen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reset</source>
        <translation>Zurücksetzen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Disable</source>
        <translation>Deaktivieren</translation>
    </message>
    <message>
        <location line="+135"/>
        <source>HALF_OPEN in %1 s</source>
        <translation>HALF_OPEN in %1 s</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>%1: not enough calls</source>
        <translation>%1: zu wenige Aufrufe</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%1: %2 %</source>
        <translation>%1: %2 %</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>failure rate</source>
        <translation>Fehlerquote</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>slow-call rate</source>
        <translation>Quote langsamer Aufrufe</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 calls in the window, %2 refused</source>
        <translation>%1 Aufrufe im Fenster, %2 abgelehnt</translation>
    </message>
</context>
<context>
    <name>tanager::CatchCommand</name>
    <message>
        <location filename="../app/CatchCommand.cpp" line="+83"/>
        <source>Receive webhooks on this machine, store every request and print one line per event.</source>
        <translation>Webhooks auf diesem Rechner empfangen, jede Anfrage speichern und pro Ereignis eine Zeile ausgeben.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Listen on this port (default: a free one, printed at start).</source>
        <translation>Auf diesem Port lauschen (Standard: ein freier, der beim Start ausgegeben wird).</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+19"/>
        <source>n</source>
        <translation>n</translation>
    </message>
    <message>
        <location line="-18"/>
        <source>Listen on this address instead of 127.0.0.1 and ::1 (repeatable).</source>
        <translation>Auf dieser Adresse statt auf 127.0.0.1 und ::1 lauschen (wiederholbar).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>address</source>
        <translation>Adresse</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>An inbox for this path prefix, e.g. /stripe (repeatable).</source>
        <translation>Ein Webhook-Eingang für dieses Pfadpräfix, z. B. /stripe (wiederholbar).</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>path</source>
        <translation>Pfad</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check signatures with this scheme: %1.</source>
        <translation>Signaturen nach diesem Schema prüfen: %1.</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+21"/>
        <source>scheme</source>
        <translation>Schema</translation>
    </message>
    <message>
        <location line="-20"/>
        <source>Read the signing secret from this environment variable.</source>
        <translation>Das Signing Secret aus dieser Umgebungsvariable lesen.</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+23"/>
        <source>var</source>
        <translation>Variable</translation>
    </message>
    <message>
        <location line="-22"/>
        <source>Accepted signature age in seconds (default 300).</source>
        <translation>Zulässiges Alter einer Signatur in Sekunden (Standard: 300).</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+62"/>
        <source>s</source>
        <translation>s</translation>
    </message>
    <message>
        <location line="-61"/>
        <source>Answer stored requests with this status (default 200).</source>
        <translation>Gespeicherte Anfragen mit diesem Status beantworten (Standard: 200).</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>code</source>
        <translation>Code</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Largest body in bytes (default 10485760); larger gets 413.</source>
        <translation>Größter Body in Bytes (Standard: 10485760); größere erhalten 413.</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+2"/>
        <source>bytes</source>
        <translation>Bytes</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>Largest header block in bytes (default 65536); larger gets 431.</source>
        <translation>Größter Header-Block in Bytes (Standard: 65536); größere erhalten 431.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Milliseconds for the whole header (default 10000).</source>
        <translation>Millisekunden für den gesamten Header (Standard: 10000).</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+2"/>
        <location line="+47"/>
        <source>ms</source>
        <translation>ms</translation>
    </message>
    <message>
        <location line="-48"/>
        <source>Longest pause in a body, in milliseconds (default 10000).</source>
        <translation>Längste Pause innerhalb eines Bodys in Millisekunden (Standard: 10000).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Open connections at most (default 1024).</source>
        <translation>Höchstens so viele offene Verbindungen (Standard: 1024).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Send every stored event on to this URL (the request&apos;s path is appended), retrying 3 times; failures become dead letters.</source>
        <translation>Jedes gespeicherte Ereignis an diese URL weitersenden (der Pfad der Anfrage wird angehängt), mit 3 Wiederholungen; Fehlschläge werden zu unzustellbaren Anfragen.</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+36"/>
        <source>url</source>
        <translation>URL</translation>
    </message>
    <message>
        <location line="-34"/>
        <source>--forward: sign every attempt again with this scheme (%1) and the time it is sent; --hmac-* options apply to hmac, twilio signs the forward URL.</source>
        <translation>--forward: jeden Versuch erneut mit diesem Schema (%1) und dem Sendezeitpunkt signieren; die --hmac-*-Optionen gelten für hmac, twilio signiert die Weiterleitungs-URL.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>--resign: read the target&apos;s signing secret from this environment variable.</source>
        <translation>--resign: das Signaturgeheimnis des Ziels aus dieser Umgebungsvariable lesen.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Print one JSON object per line.</source>
        <translation>Ein JSON-Objekt pro Zeile ausgeben.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Serve HTTPS with a self-signed certificate for localhost, 127.0.0.1 and ::1, made once and kept in the app-data folder; its SHA-256 fingerprint is printed.</source>
        <translation>HTTPS mit einem selbstsignierten Zertifikat für localhost, 127.0.0.1 und ::1 bereitstellen, das einmal erstellt und im App-Datenordner aufbewahrt wird; sein SHA-256-Fingerabdruck wird ausgegeben.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>--verify hmac: the header with the signature (default X-Signature).</source>
        <translation>--verify hmac: der Header mit der Signatur (Standard X-Signature).</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+2"/>
        <location line="+1"/>
        <location line="+10"/>
        <location line="+3"/>
        <source>name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location line="-15"/>
        <source>--verify hmac: sha1, sha256 (default) or sha512.</source>
        <translation>--verify hmac: sha1, sha256 (Standard) oder sha512.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>--verify hmac: hex (default) or base64.</source>
        <translation>--verify hmac: hex (Standard) oder base64.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>--verify hmac: text before the signature, e.g. sha256=.</source>
        <translation>--verify hmac: Text vor der Signatur, z. B. sha256=.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>--verify hmac: what is signed, with {body}, {timestamp} and {id} (default {body}).</source>
        <translation>--verify hmac: was signiert wird, mit {body}, {timestamp} und {id} (Standard {body}).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>template</source>
        <translation>Vorlage</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>--verify hmac: the header with the timestamp, checked against --tolerance.</source>
        <translation>--verify hmac: der Header mit dem Zeitstempel, geprüft gegen --tolerance.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>--verify hmac: the header with the event id, for duplicate detection.</source>
        <translation>--verify hmac: der Header mit der Ereignis-ID, zur Erkennung von Duplikaten.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>--verify twilio: the address Twilio was given (e.g. a tunnel&apos;s https://abc.example.com), which is what it signs.</source>
        <translation>--verify twilio: die Adresse, die Twilio erhalten hat (z. B. https://abc.example.com eines Tunnels); sie ist es, die Twilio signiert.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Answer with this body, or @FILE; {{request.json.PATH}}, {{request.header.NAME}}, {{request.method}} and the like echo the request.</source>
        <translation>Mit diesem Body oder @DATEI antworten; {{request.json.PATH}}, {{request.header.NAME}}, {{request.method}} und Ähnliches geben die Anfrage wieder.</translation>
    </message>
    <message>
        <location line="-17"/>
        <location line="+19"/>
        <source>text</source>
        <translation>Text</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Answer with this header, &apos;Name: value&apos; (repeatable).</source>
        <translation>Mit diesem Header antworten, &apos;Name: Wert&apos; (wiederholbar).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>header</source>
        <translation>Header</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Answer this many milliseconds late.</source>
        <translation>So viele Millisekunden verzögert antworten.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Answer this share of requests 500 or 503 (0.2 or 20%).</source>
        <translation>Diesen Anteil der Anfragen mit 500 oder 503 beantworten (0.2 oder 20%).</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+2"/>
        <location line="+4"/>
        <source>share</source>
        <translation>Anteil</translation>
    </message>
    <message>
        <location line="-5"/>
        <source>Answer this share of requests 429 with Retry-After.</source>
        <translation>Diesen Anteil der Anfragen mit 429 und Retry-After beantworten.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Seconds in the chaos 429&apos;s Retry-After (default 1).</source>
        <translation>Sekunden im Retry-After der Chaos-429-Antworten (Standard 1).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Close this share of connections without an answer.</source>
        <translation>Diesen Anteil der Verbindungen ohne Antwort schließen.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Add latency: fixed:MS, uniform:MIN-MAX, normal:MEAN,DEVIATION or exponential:MEAN.</source>
        <translation>Latenz hinzufügen: fixed:MS, uniform:MIN-MAX, normal:MITTEL,ABWEICHUNG oder exponential:MITTEL.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>spec</source>
        <translation>Angabe</translation>
    </message>
    <message>
        <location line="+6"/>
        <source> (see tanager catch --help)</source>
        <translation> (siehe tanager catch --help)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>tanager catch takes no arguments, only options (see tanager catch --help).</source>
        <translation>tanager catch nimmt keine Argumente, nur Optionen (siehe tanager catch --help).</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>--port needs a number from 0 to 65535.</source>
        <translation>--port braucht eine Zahl von 0 bis 65535.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>--max-body, --max-header, --header-timeout, --body-timeout and --max-connections need a whole number (--max-header at least 256).</source>
        <translation>--max-body, --max-header, --header-timeout, --body-timeout und --max-connections brauchen eine ganze Zahl (--max-header mindestens 256).</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>--listen needs an IP address such as 127.0.0.1 or 0.0.0.0, not &quot;%1&quot;.</source>
        <translation>--listen braucht eine IP-Adresse wie 127.0.0.1 oder 0.0.0.0, nicht „%1“.</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>tanager: no --secret-env given: every event&apos;s verdict will be no-secret.
</source>
        <translation>tanager: kein --secret-env angegeben: das Ergebnis jedes Ereignisses wird no-secret sein.
</translation>
    </message>
    <message>
        <location line="-13"/>
        <source>--tolerance needs a number of seconds.</source>
        <translation>--tolerance braucht eine Anzahl Sekunden.</translation>
    </message>
    <message>
        <location line="-26"/>
        <source>--hmac-algorithm must be sha1, sha256 or sha512.</source>
        <translation>--hmac-algorithm muss sha1, sha256 oder sha512 sein.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>--hmac-encoding must be hex or base64.</source>
        <translation>--hmac-encoding muss hex oder base64 sein.</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>--public-url needs an http:// or https:// URL, not &quot;%1&quot;.</source>
        <translation>--public-url braucht eine http://- oder https://-URL, nicht „%1“.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Unknown signature scheme &quot;%1&quot;; use one of %2.</source>
        <translation>Unbekanntes Signaturschema „%1“; verwenden Sie eines von %2.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>--secret-env needs --verify SCHEME to say how to check signatures.</source>
        <translation>--secret-env braucht --verify SCHEMA, um festzulegen, wie Signaturen geprüft werden.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>--status needs an HTTP status from 200 to 599.</source>
        <translation>--status braucht einen HTTP-Status von 200 bis 599.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>--answer-body %1: the file cannot be read (%2).</source>
        <translation>--answer-body %1: Die Datei kann nicht gelesen werden (%2).</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>--answer-header &quot;%1&quot; needs the form &apos;Name: value&apos;.</source>
        <translation>--answer-header „%1“ muss die Form &apos;Name: Wert&apos; haben.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>--delay needs a number of milliseconds up to 600000.</source>
        <translation>--delay braucht eine Anzahl Millisekunden bis 600000.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>--chaos-fail, --chaos-429 and --chaos-drop add up to more than 100%.</source>
        <translation>--chaos-fail, --chaos-429 und --chaos-drop ergeben zusammen mehr als 100%.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>--retry-after needs a number of seconds up to 86400.</source>
        <translation>--retry-after braucht eine Anzahl Sekunden bis 86400.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>--forward needs an http:// or https:// URL, not &quot;%1&quot;.</source>
        <translation>--forward braucht eine http://- oder https://-URL, nicht „%1“.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>--resign only applies to forwarded events; add --forward URL.</source>
        <translation>--resign gilt nur für weitergeleitete Ereignisse; --forward URL hinzufügen.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Unknown re-signing scheme &quot;%1&quot;; use one of %2.</source>
        <translation>Unbekanntes Schema zum erneuten Signieren „%1“; eines von %2 verwenden.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>--resign needs --resign-secret-env VAR naming the variable that holds the target&apos;s signing secret.</source>
        <translation>--resign braucht --resign-secret-env VAR mit dem Namen der Variable, die das Signaturgeheimnis des Ziels enthält.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>--resign-secret-env needs --resign SCHEME to say how to sign.</source>
        <translation>--resign-secret-env braucht --resign SCHEMA, das sagt, wie signiert wird.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>--inbox needs a path that starts with /, such as /stripe.</source>
        <translation>--inbox braucht einen Pfad, der mit / beginnt, z. B. /stripe.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Cannot store webhooks: %1</source>
        <translation>Webhooks können nicht gespeichert werden: %1</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>tanager: a request was answered 500 because it could not be stored: %1
</source>
        <translation>tanager: eine Anfrage wurde mit 500 beantwortet, weil sie nicht gespeichert werden konnte: %1
</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>forwarded #%1: HTTP %2 after %3 attempt(s)
</source>
        <translation>weitergeleitet #%1: HTTP %2 nach %3 Versuch(en)
</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>forwarding #%1 failed after %2 attempt(s): %3; kept as a dead letter (tanager dlq list)
</source>
        <translation>Weiterleitung #%1 nach %2 Versuch(en) fehlgeschlagen: %3; als unzustellbare Anfrage aufbewahrt (tanager dlq list)
</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Cannot serve HTTPS: %1</source>
        <translation>HTTPS kann nicht bereitgestellt werden: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>tanager: HTTPS certificate %1 (%2, valid until %3)
tanager: SHA-256 fingerprint %4
</source>
        <translation>tanager: HTTPS-Zertifikat %1 (%2, gültig bis %3)
tanager: SHA-256-Fingerabdruck %4
</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>made now</source>
        <translation>gerade erstellt</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>reused</source>
        <translation>wiederverwendet</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Could not set up the signal handlers.</source>
        <translation>Die Signal-Handler konnten nicht eingerichtet werden.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1; choose another --port or stop the program that uses it.</source>
        <translation>%1; wählen Sie einen anderen --port oder beenden Sie das Programm, das ihn verwendet.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>tanager: warning: listening beyond this machine; anyone who can reach it can send events.
</source>
        <translation>tanager: Warnung: lauscht über diesen Rechner hinaus; jeder, der ihn erreicht, kann Ereignisse senden.
</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>tanager: chaos: %1
</source>
        <translation>tanager: Chaos: %1
</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>tanager: catching webhooks on %1 (port %2); Ctrl+C stops
</source>
        <translation>tanager: empfange Webhooks auf %1 (Port %2); Ctrl+C beendet
</translation>
    </message>
    <message>
        <location line="+105"/>
        <source>refused a request from %1: %2 (%3), %4 so far
</source>
        <translation>Anfrage von %1 abgelehnt: %2 (%3), bisher %4
</translation>
    </message>
</context>
<context>
    <name>tanager::CliSecret</name>
    <message>
        <location filename="../app/CliSecret.cpp" line="+15"/>
        <source>%1 reads the environment variable %2, which is not set: export it first.</source>
        <translation>%1 liest die Umgebungsvariable %2, die nicht gesetzt ist: Exportieren Sie sie zuerst.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The environment variable %1 named by %2 is not set or empty; export the signing secret in it.</source>
        <translation>Die mit %2 genannte Umgebungsvariable %1 ist nicht gesetzt oder leer; das Signaturgeheimnis darin exportieren.</translation>
    </message>
</context>
<context>
    <name>tanager::ClientCredentialsFlow</name>
    <message>
        <location filename="../core/auth/ClientCredentialsFlow.cpp" line="+17"/>
        <source>The client credentials grant needs a client secret: enter the client&apos;s secret in the profile.</source>
        <translation>Der Client-Credentials-Grant braucht ein Client-Secret: Geben Sie das Secret des Clients im Profil ein.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Requesting a token...</source>
        <translation>Token wird angefordert...</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Token request (client_credentials)</source>
        <translation>Token-Anfrage (client_credentials)</translation>
    </message>
    <message>
        <location filename="../core/auth/ClientCredentialsFlow.h" line="+15"/>
        <source>Client credentials</source>
        <translation>Client-Credentials</translation>
    </message>
</context>
<context>
    <name>tanager::ContentDecoder</name>
    <message>
        <location filename="../core/http/ContentDecoder.cpp" line="+25"/>
        <source>The compressed body could not be decoded (%1): view it raw instead.</source>
        <translation>Der komprimierte Body konnte nicht dekodiert werden (%1): zeigen Sie ihn stattdessen roh an.</translation>
    </message>
</context>
<context>
    <name>tanager::Database</name>
    <message>
        <location filename="../core/storage/Database.cpp" line="+215"/>
        <source>Could not read the history database</source>
        <translation>Die Verlaufsdatenbank konnte nicht gelesen werden</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The history database was written by a newer Tanager (schema %1, this one knows %2); update Tanager to open it.</source>
        <translation>Die Verlaufsdatenbank wurde von einer neueren Tanager-Version geschrieben (Schema %1, diese Version kennt %2); aktualisieren Sie Tanager, um sie zu öffnen.</translation>
    </message>
    <message>
        <location line="+9"/>
        <location line="+156"/>
        <source>Could not check the history database</source>
        <translation>Die Verlaufsdatenbank konnte nicht geprüft werden</translation>
    </message>
    <message>
        <location line="-152"/>
        <source>The history database is damaged.</source>
        <translation>Die Verlaufsdatenbank ist beschädigt.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Could not switch the history database to WAL mode</source>
        <translation>Die Verlaufsdatenbank konnte nicht in den WAL-Modus geschaltet werden</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+12"/>
        <source>Could not upgrade the history database</source>
        <translation>Die Verlaufsdatenbank konnte nicht auf die neue Version umgestellt werden</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>The history database %1 is damaged and could not be moved aside; move or delete it and start Tanager again.</source>
        <translation>Die Verlaufsdatenbank %1 ist beschädigt und konnte nicht beiseitegelegt werden; verschieben oder löschen Sie sie und starten Sie Tanager erneut.</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Could not create the folder %1 for the history database; check that it is writable.</source>
        <translation>Der Ordner %1 für die Verlaufsdatenbank konnte nicht angelegt werden; prüfen Sie, ob er beschreibbar ist.</translation>
    </message>
    <message>
        <location line="+16"/>
        <location line="+60"/>
        <source>Could not open the history database %1</source>
        <translation>Die Verlaufsdatenbank %1 konnte nicht geöffnet werden</translation>
    </message>
    <message>
        <location line="-42"/>
        <source>The history database %1 is locked by another program; close the other Tanager (or the program using the file) and try again.</source>
        <translation>Die Verlaufsdatenbank %1 ist von einem anderen Programm gesperrt; schließen Sie das andere Tanager (oder das Programm, das die Datei verwendet) und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>The history database was damaged; it was kept as %1 and a new one was started.</source>
        <translation>Die Verlaufsdatenbank war beschädigt; sie wurde als %1 aufbewahrt und eine neue angelegt.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Could not open the history database.</source>
        <translation>Die Verlaufsdatenbank konnte nicht geöffnet werden.</translation>
    </message>
</context>
<context>
    <name>tanager::DeadLetterInspector</name>
    <message>
        <location filename="../ui/resilience/DeadLetterInspector.cpp" line="+50"/>
        <source>Dead letters</source>
        <translation>Unzustellbare Anfragen</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Filter by URL or error (Ctrl+F)</source>
        <translation>Nach URL oder Fehler filtern (Ctrl+F)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>host</source>
        <translation>Host</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>&amp;Re-drive</source>
        <translation>&amp;Erneut senden</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Re-drive &amp;edited</source>
        <translation>&amp;Geändert erneut senden</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Delete</source>
        <translation>&amp;Löschen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>E&amp;xport…</source>
        <translation>E&amp;xportieren…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Re&amp;fresh</source>
        <translation>&amp;Aktualisieren</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Details</source>
        <translation>Details</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Edit request</source>
        <translation>Anfrage bearbeiten</translation>
    </message>
    <message numerus="yes">
        <location line="+25"/>
        <source>%n dead letter(s)</source>
        <translation>
            <numerusform>%n unzustellbare Anfrage</numerusform>
            <numerusform>%n unzustellbare Anfragen</numerusform>
        </translation>
    </message>
    <message>
        <location line="+41"/>
        <source>Dead letter %1 from %2, created %3
%4 %5
Last error: %6
Attempts: %7, re-driven %8 time(s)
</source>
        <translation>Unzustellbare Anfrage %1 (Quelle: %2), erstellt %3
%4 %5
Letzter Fehler: %6
Versuche: %7, erneut gesendet: %8-mal
</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>none</source>
        <translation>keiner</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Request:</source>
        <translation>Anfrage:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Attempts and events:</source>
        <translation>Versuche und Ereignisse:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Policy:</source>
        <translation>Richtlinie:</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Select the dead letters to re-drive first.</source>
        <translation>Wählen Sie zuerst die erneut zu sendenden unzustellbaren Anfragen aus.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Dead letter %1 holds no usable request: %2</source>
        <translation>Unzustellbare Anfrage %1 ist nicht verwendbar: %2</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Select exactly one dead letter to edit and re-drive.</source>
        <translation>Wählen Sie genau eine unzustellbare Anfrage zum Bearbeiten und erneuten Senden aus.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The edited request is not valid: %1; correct it in the Edit request tab.</source>
        <translation>Die bearbeitete Anfrage ist ungültig: %1; korrigieren Sie sie im Tab „Anfrage bearbeiten“.</translation>
    </message>
    <message numerus="yes">
        <location line="+23"/>
        <location line="+77"/>
        <source>Re-driving %n dead letter(s)…</source>
        <translation>
            <numerusform>%n unzustellbare Anfrage wird erneut gesendet…</numerusform>
            <numerusform>%n unzustellbare Anfragen werden erneut gesendet…</numerusform>
        </translation>
    </message>
    <message>
        <location line="-66"/>
        <location line="+55"/>
        <source>Dead letter %1 delivered (HTTP %2) and removed.</source>
        <translation>Unzustellbare Anfrage %1 zugestellt (HTTP %2) und entfernt.</translation>
    </message>
    <message>
        <location line="-48"/>
        <location line="+53"/>
        <source>Dead letter %1 failed again: %2</source>
        <translation>Unzustellbare Anfrage %1 ist erneut fehlgeschlagen: %2</translation>
    </message>
    <message>
        <location line="-34"/>
        <source>Re-sign dead letter %1</source>
        <translation>Unzustellbare Nachricht %1 neu signieren</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dead letter %1 was signed again (%2) when forwarded. The target&apos;s %2 signing secret, to sign it again now (not stored):</source>
        <translation>Unzustellbare Nachricht %1 wurde beim Weiterleiten neu signiert (%2). Das %2-Signaturgeheimnis des Ziels, um sie jetzt erneut zu signieren (wird nicht gespeichert):</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Dead letter %1 was not re-driven: it needs the target&apos;s %2 signing secret to be signed again.</source>
        <translation>Unzustellbare Nachricht %1 wurde nicht erneut gesendet: sie braucht das %2-Signaturgeheimnis des Ziels, um neu signiert zu werden.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Dead letter %1 was not re-driven.</source>
        <translation>Unzustellbare Nachricht %1 wurde nicht erneut gesendet.</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Select the dead letters to delete first.</source>
        <translation>Wählen Sie zuerst die zu löschenden unzustellbaren Anfragen aus.</translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>Deleted %n dead letter(s).</source>
        <translation>
            <numerusform>%n unzustellbare Anfrage gelöscht.</numerusform>
            <numerusform>%n unzustellbare Anfragen gelöscht.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Could not write %1: %2; pick another file.</source>
        <translation>%1 konnte nicht geschrieben werden: %2; wählen Sie eine andere Datei.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Exported to %1.</source>
        <translation>Nach %1 exportiert.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Export dead letters</source>
        <translation>Unzustellbare Anfragen exportieren</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>JSON (*.json)</source>
        <translation>JSON (*.json)</translation>
    </message>
</context>
<context>
    <name>tanager::DeadLetterModel</name>
    <message>
        <location filename="../core/storage/DeadLetterModel.cpp" line="+134"/>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Created</source>
        <translation>Erstellt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Source</source>
        <translation>Quelle</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Method</source>
        <translation>Methode</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>URL</source>
        <translation>URL</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Attempts</source>
        <translation>Versuche</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Last status</source>
        <translation>Letzter Status</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Last error</source>
        <translation>Letzter Fehler</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Re-drives</source>
        <translation>Erneut gesendet</translation>
    </message>
</context>
<context>
    <name>tanager::DeadLetterStore</name>
    <message>
        <location filename="../core/storage/DeadLetterStore.cpp" line="+90"/>
        <source>Could not store the dead letter</source>
        <translation>Die unzustellbare Anfrage konnte nicht gespeichert werden</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Could not update the dead letter</source>
        <translation>Die unzustellbare Anfrage konnte nicht aktualisiert werden</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Could not delete the dead letter</source>
        <translation>Die unzustellbare Anfrage konnte nicht gelöscht werden</translation>
    </message>
    <message>
        <location line="+67"/>
        <source>Could not list the dead letters</source>
        <translation>Die unzustellbaren Anfragen konnten nicht aufgelistet werden</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Could not read the dead letter</source>
        <translation>Die unzustellbare Anfrage konnte nicht gelesen werden</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>There is no dead letter %1; run tanager dlq list to see the ids.</source>
        <translation>Es gibt keine unzustellbare Anfrage %1; führen Sie tanager dlq list aus, um die IDs zu sehen.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Could not count the dead letters</source>
        <translation>Die unzustellbaren Anfragen konnten nicht gezählt werden</translation>
    </message>
</context>
<context>
    <name>tanager::DeviceCodeFlow</name>
    <message>
        <location filename="../core/auth/DeviceCodeFlow.cpp" line="+25"/>
        <source>The profile has no device authorization endpoint: enter it, or the issuer to discover it.</source>
        <translation>Das Profil hat keinen Endpunkt für die Geräteautorisierung: Geben Sie ihn ein oder den Aussteller, über den er ermittelt wird.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Device authorization request</source>
        <translation>Anfrage zur Geräteautorisierung</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>device authorization endpoint</source>
        <translation>Endpunkt für die Geräteautorisierung</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>The device authorization endpoint&apos;s answer lacks device_code, user_code or verification_uri: the provider is misbehaving.</source>
        <translation>Der Antwort des Endpunkts für die Geräteautorisierung fehlen device_code, user_code oder verification_uri: Der Anbieter verhält sich fehlerhaft.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Enter the code %1 at %2</source>
        <translation>Geben Sie den Code %1 unter %2 ein</translation>
    </message>
    <message>
        <location line="+20"/>
        <location line="+26"/>
        <source>The device code expired before the sign-in was approved: start again.</source>
        <translation>Der Gerätecode ist abgelaufen, bevor die Anmeldung bestätigt wurde: Beginnen Sie erneut.</translation>
    </message>
    <message>
        <location line="-20"/>
        <source>Token request (device_code)</source>
        <translation>Token-Anfrage (device_code)</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>The provider asked to poll more slowly: every %1 seconds now.</source>
        <translation>Der Anbieter bat darum, langsamer abzufragen: jetzt alle %1 Sekunden.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The sign-in on the other device was denied.</source>
        <translation>Die Anmeldung auf dem anderen Gerät wurde abgelehnt.</translation>
    </message>
    <message>
        <location filename="../core/auth/DeviceCodeFlow.h" line="+17"/>
        <source>Device code</source>
        <translation>Gerätecode</translation>
    </message>
</context>
<context>
    <name>tanager::DigestAuth</name>
    <message>
        <location filename="../core/auth/DigestAuth.cpp" line="+221"/>
        <source>The server asks for Digest auth with %1 or qop=auth-int, which Tanager does not support: use MD5 or SHA-256 with qop=auth on the server, or another auth type.</source>
        <translation>Der Server verlangt Digest-Auth mit %1 oder qop=auth-int, was Tanager nicht unterstützt: Verwenden Sie auf dem Server MD5 oder SHA-256 mit qop=auth oder einen anderen Auth-Typ.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The server&apos;s 401 has no Digest challenge (WWW-Authenticate): check that the URL uses Digest auth, or choose the auth type it asks for.</source>
        <translation>Die 401-Antwort des Servers enthält keine Digest-Challenge (WWW-Authenticate): Prüfen Sie, ob die URL Digest-Auth verwendet, oder wählen Sie den Auth-Typ, den sie verlangt.</translation>
    </message>
</context>
<context>
    <name>tanager::DlqCommand</name>
    <message>
        <location filename="../app/DlqCommand.cpp" line="+37"/>
        <source>tanager dlq list|show ID|redrive ID...|redrive --all [--retry N] [--resign-secret-env VAR]|delete ID...|purge|export [-o FILE]</source>
        <translation>tanager dlq list|show ID|redrive ID...|redrive --all [--retry N] [--resign-secret-env VAR]|delete ID...|purge|export [-o DATEI]</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>dlq needs a subcommand: %1</source>
        <translation>dlq braucht einen Unterbefehl: %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Usage: %1</source>
        <translation>Aufruf: %1</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Unknown dlq subcommand &quot;%1&quot;: use %2.</source>
        <translation>Unbekannter dlq-Unterbefehl „%1“: verwenden Sie %2.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>&quot;%1&quot; is not a dead-letter id; run tanager dlq list to see them.</source>
        <translation>„%1“ ist keine ID einer unzustellbaren Anfrage; führen Sie tanager dlq list aus, um die IDs zu sehen.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Only letters for this host.</source>
        <translation>Nur Anfragen an diesen Host.</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>host</source>
        <translation>Host</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Only letters from this source (send, webhook-forward).</source>
        <translation>Nur Anfragen aus dieser Quelle (send, webhook-forward).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>source</source>
        <translation>Quelle</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Only letters whose URL or error contains this text.</source>
        <translation>Nur Anfragen, deren URL oder Fehler diesen Text enthält.</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>text</source>
        <translation>Text</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>At most this many (default 100).</source>
        <translation>Höchstens so viele (Standard: 100).</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+62"/>
        <source>n</source>
        <translation>n</translation>
    </message>
    <message>
        <location line="-61"/>
        <source>Print JSON.</source>
        <translation>JSON ausgeben.</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+40"/>
        <location line="+26"/>
        <location line="+168"/>
        <source> (see tanager dlq --help)</source>
        <translation> (siehe tanager dlq --help)</translation>
    </message>
    <message>
        <location line="-228"/>
        <source>--limit needs a number of 1 or more.</source>
        <translation>--limit braucht eine Zahl ab 1.</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>The dead letter to show.</source>
        <translation>Die anzuzeigende unzustellbare Anfrage.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>dlq show needs one id, e.g. tanager dlq show 3.</source>
        <translation>dlq show braucht eine ID, z. B. tanager dlq show 3.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Re-drive every dead letter.</source>
        <translation>Alle unzustellbaren Anfragen erneut senden.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Retry up to N times instead of the stored policy&apos;s count.</source>
        <translation>Bis zu N-mal wiederholen statt so oft, wie die gespeicherte Richtlinie vorgibt.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>For webhook forwards that were re-signed (catch --resign): read the target&apos;s secret from this variable and sign them again.</source>
        <translation>Für neu signierte Webhook-Weiterleitungen (catch --resign): das Geheimnis des Ziels aus dieser Variable lesen und erneut signieren.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>var</source>
        <translation>var</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The dead letters to re-drive.</source>
        <translation>Die erneut zu sendenden unzustellbaren Anfragen.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>--retry needs a number of 0 or more.</source>
        <translation>--retry braucht eine Zahl ab 0.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>dlq redrive needs ids or --all, e.g. tanager dlq redrive 3.</source>
        <translation>dlq redrive braucht IDs oder --all, z. B. tanager dlq redrive 3.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>there are no dead letters to re-drive</source>
        <translation>es gibt keine unzustellbaren Anfragen zum erneuten Senden</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>dead letter %1 holds no usable request: %2</source>
        <translation>unzustellbare Anfrage %1 ist nicht verwendbar: %2</translation>
    </message>
    <message>
        <location line="+22"/>
        <location line="+43"/>
        <source>dead letter %1: delivered, HTTP %2; removed from the queue
</source>
        <translation>unzustellbare Anfrage %1: zugestellt, HTTP %2; aus der Warteschlange entfernt
</translation>
    </message>
    <message>
        <location line="-36"/>
        <location line="+41"/>
        <source>dead letter %1 failed again: %2</source>
        <translation>unzustellbare Anfrage %1 ist erneut fehlgeschlagen: %2</translation>
    </message>
    <message>
        <location line="-20"/>
        <source>dead letter %1 was re-signed (%2) when forwarded; give --resign-secret-env VAR with the target&apos;s secret to sign it again</source>
        <translation>unzustellbare Nachricht %1 wurde beim Weiterleiten neu signiert (%2); --resign-secret-env VAR mit dem Geheimnis des Ziels angeben, um sie erneut zu signieren</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>dlq delete needs ids, e.g. tanager dlq delete 3 4.</source>
        <translation>dlq delete braucht IDs, z. B. tanager dlq delete 3 4.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>dlq purge takes no arguments; it deletes every dead letter.</source>
        <translation>dlq purge nimmt keine Argumente; es löscht alle unzustellbaren Anfragen.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>deleted %1 dead letter(s)
</source>
        <translation>%1 unzustellbare Anfrage(n) gelöscht
</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Write to this file instead of stdout.</source>
        <translation>In diese Datei statt nach stdout schreiben.</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>file</source>
        <translation>Datei</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The dead letters to export (all when none).</source>
        <translation>Die zu exportierenden unzustellbaren Anfragen (ohne Angabe alle).</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Cannot write %1: %2; choose another file.</source>
        <translation>%1 kann nicht geschrieben werden: %2; wählen Sie eine andere Datei.</translation>
    </message>
</context>
<context>
    <name>tanager::EnvironmentDialog</name>
    <message>
        <location filename="../ui/EnvironmentDialog.cpp" line="+24"/>
        <source>Add</source>
        <translation>Hinzufügen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Environments</source>
        <translation>Umgebungen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Variable</source>
        <translation>Variable</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Use a variable as {{name}} in the URL, headers, body or auth.</source>
        <translation>Verwenden Sie eine Variable als {{name}} in URL, Headern, Body oder Authentifizierung.</translation>
    </message>
    <message>
        <location line="+56"/>
        <source>New environment</source>
        <translation>Neue Umgebung</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>New environment %1</source>
        <translation>Neue Umgebung %1</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Every environment needs a name.</source>
        <translation>Jede Umgebung braucht einen Namen.</translation>
    </message>
</context>
<context>
    <name>tanager::EnvironmentSelector</name>
    <message>
        <location filename="../ui/EnvironmentSelector.cpp" line="+20"/>
        <source>Environment:</source>
        <translation>Umgebung:</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Active environment</source>
        <translation>Aktive Umgebung</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Edit…</source>
        <translation>Bearbeiten…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Edit environments (Ctrl+Shift+E)</source>
        <translation>Umgebungen bearbeiten (Ctrl+Shift+E)</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>No environment</source>
        <translation>Keine Umgebung</translation>
    </message>
</context>
<context>
    <name>tanager::EnvironmentStore</name>
    <message>
        <location filename="../core/http/EnvironmentStore.cpp" line="+46"/>
        <source>Environment &quot;%1&quot; cannot be read: %2.</source>
        <translation>Die Umgebung „%1“ kann nicht gelesen werden: %2.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>An environment needs a name: type one.</source>
        <translation>Eine Umgebung braucht einen Namen: geben Sie einen ein.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Cannot create the folder %1: check its permissions.</source>
        <translation>Der Ordner %1 kann nicht angelegt werden: prüfen Sie seine Berechtigungen.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Environment &quot;%1&quot; could not be saved: %2.</source>
        <translation>Die Umgebung „%1“ konnte nicht gespeichert werden: %2.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Environment &quot;%1&quot; could not be deleted: %2.</source>
        <translation>Die Umgebung „%1“ konnte nicht gelöscht werden: %2.</translation>
    </message>
</context>
<context>
    <name>tanager::FilePathEdit</name>
    <message>
        <location filename="../ui/auth/FilePathEdit.cpp" line="+21"/>
        <source>Choose…</source>
        <translation>Auswählen…</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+23"/>
        <source>Choose a file</source>
        <translation>Datei auswählen</translation>
    </message>
</context>
<context>
    <name>tanager::FullTextIndex</name>
    <message>
        <location filename="../core/storage/FullTextIndex.cpp" line="+49"/>
        <source>Could not create the search index</source>
        <translation>Der Suchindex konnte nicht angelegt werden</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Could not index the existing history</source>
        <translation>Der vorhandene Verlauf konnte nicht indiziert werden</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Could not index an exchange</source>
        <translation>Ein Eintrag konnte nicht indiziert werden</translation>
    </message>
</context>
<context>
    <name>tanager::GitHubVerifier</name>
    <message>
        <location filename="../core/webhooks/GitHubVerifier.cpp" line="+23"/>
        <source>X-Hub-Signature-256 does not start with sha256=.</source>
        <translation>X-Hub-Signature-256 beginnt nicht mit sha256=.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>X-Hub-Signature-256 does not match the body and the webhook secret.</source>
        <translation>X-Hub-Signature-256 passt nicht zum Body und zum Webhook-Secret.</translation>
    </message>
</context>
<context>
    <name>tanager::GraphQlCall</name>
    <message>
        <location filename="../core/graphql/GraphQlCall.cpp" line="+39"/>
        <source>The response is larger than %1 MB and was not read to the end: ask for less (fewer fields or a smaller page), or load the schema from a file.</source>
        <translation>Die Antwort ist größer als %1 MB und wurde nicht bis zum Ende gelesen: fragen Sie weniger ab (weniger Felder oder eine kleinere Seite), oder laden Sie das Schema aus einer Datei.</translation>
    </message>
</context>
<context>
    <name>tanager::GraphQlClient</name>
    <message>
        <location filename="../core/graphql/GraphQlClient.cpp" line="+67"/>
        <source>The query does not parse at line %1, column %2 (%3): fix it before sending.</source>
        <translation>Die Abfrage lässt sich in Zeile %1, Spalte %2 nicht parsen (%3): korrigieren Sie sie vor dem Senden.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The document has no operation to run: write a query, mutation or subscription.</source>
        <translation>Das Dokument enthält keine ausführbare Operation: schreiben Sie eine Query, Mutation oder Subscription.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The document has no operation named &quot;%1&quot;: pick one of its operations.</source>
        <translation>Das Dokument enthält keine Operation namens „%1“: wählen Sie eine seiner Operationen.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The document has %1 operations: pick the one to run.</source>
        <translation>Das Dokument enthält %1 Operationen: wählen Sie die auszuführende aus.</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>This operation is a subscription: subscriptions run over WebSocket, so subscribe instead of sending it over HTTP.</source>
        <translation>Diese Operation ist eine Subscription: Subscriptions laufen über WebSocket; abonnieren Sie sie, statt sie über HTTP zu senden.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>A mutation cannot be sent with GET (servers refuse it to prevent cross-site requests): send it with POST.</source>
        <translation>Eine Mutation kann nicht mit GET gesendet werden (Server lehnen das ab, um Cross-Site-Anfragen zu verhindern): senden Sie sie mit POST.</translation>
    </message>
    <message>
        <location line="+52"/>
        <source>The server refused the introspection query (&quot;%1&quot;): introspection is probably disabled there; load the schema from an SDL or introspection JSON file instead.</source>
        <translation>Der Server hat die Introspection-Abfrage abgelehnt („%1“): Introspection ist dort vermutlich deaktiviert; laden Sie das Schema stattdessen aus einer SDL- oder Introspection-JSON-Datei.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The answer to the introspection query has no __schema: the server is not GraphQL or cut the result short; load the schema from a file instead.</source>
        <translation>Die Antwort auf die Introspection-Abfrage enthält kein __schema: der Server spricht kein GraphQL oder hat das Ergebnis gekürzt; laden Sie das Schema stattdessen aus einer Datei.</translation>
    </message>
</context>
<context>
    <name>tanager::GraphQlEditor</name>
    <message>
        <location filename="../ui/graphql/GraphQlEditor.cpp" line="+29"/>
        <source>field</source>
        <translation>Feld</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>argument</source>
        <translation>Argument</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>input field</source>
        <translation>Eingabefeld</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>enum value</source>
        <translation>Enum-Wert</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>variable</source>
        <translation>Variable</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>fragment</source>
        <translation>Fragment</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>directive</source>
        <translation>Direktive</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>type</source>
        <translation>Typ</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>keyword</source>
        <translation>Schlüsselwort</translation>
    </message>
    <message>
        <location line="+25"/>
        <source># Write a query, e.g. { hello }. Ctrl+Space completes, Ctrl+Enter runs.</source>
        <translation># Schreiben Sie eine Abfrage, z. B. { hello }. Ctrl+Space vervollständigt, Ctrl+Enter führt aus.</translation>
    </message>
    <message>
        <location line="+190"/>
        <source>Deprecated: %1</source>
        <translation>Veraltet: %1</translation>
    </message>
</context>
<context>
    <name>tanager::GraphQlIntrospection</name>
    <message>
        <location filename="../core/graphql/GraphQlIntrospection.cpp" line="+37"/>
        <source>A type reference is wrapped more than 16 times; the introspection result is not usable.</source>
        <translation>Eine Typreferenz ist mehr als 16-fach verschachtelt; das Introspection-Ergebnis ist nicht verwendbar.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>A type reference has no name: the introspection result is truncated or nested deeper than the query asked for.</source>
        <translation>Eine Typreferenz hat keinen Namen: das Introspection-Ergebnis ist abgeschnitten oder tiefer verschachtelt, als die Abfrage angefordert hat.</translation>
    </message>
    <message>
        <location line="+117"/>
        <source>The introspection result is not valid JSON (%1 at byte %2); check that it is complete.</source>
        <translation>Das Introspection-Ergebnis ist kein gültiges JSON (%1 bei Byte %2); prüfen Sie, ob es vollständig ist.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>The result has no __schema: the server may have introspection disabled; load the schema from an SDL or introspection file instead.</source>
        <translation>Das Ergebnis enthält kein __schema: der Server hat Introspection möglicherweise deaktiviert; laden Sie das Schema stattdessen aus einer SDL- oder Introspection-Datei.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The introspection result lists no types; it is truncated or empty.</source>
        <translation>Das Introspection-Ergebnis enthält keine Typen; es ist abgeschnitten oder leer.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Type %1 of the introspection result has no name.</source>
        <translation>Typ %1 des Introspection-Ergebnisses hat keinen Namen.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Type %1 has an unknown kind &quot;%2&quot;.</source>
        <translation>Typ %1 hat den unbekannten kind-Wert „%2“.</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>The introspection result names no query type.</source>
        <translation>Das Introspection-Ergebnis nennt keinen Query-Typ.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Type %1 is referenced but not described in the introspection result; it is incomplete.</source>
        <translation>Typ %1 wird referenziert, ist im Introspection-Ergebnis aber nicht beschrieben; das Ergebnis ist unvollständig.</translation>
    </message>
</context>
<context>
    <name>tanager::GraphQlPrettifier</name>
    <message>
        <location filename="../core/graphql/GraphQlPrettifier.cpp" line="+31"/>
        <source>Cannot prettify: %1 at line %2, column %3.</source>
        <translation>Formatieren nicht möglich: %1 in Zeile %2, Spalte %3.</translation>
    </message>
</context>
<context>
    <name>tanager::GraphQlResponseParser</name>
    <message>
        <location filename="../core/graphql/GraphQlResponseParser.cpp" line="+125"/>
        <source>The response is not valid JSON (%1 at byte %2 of %3): it was cut off, or the server is not GraphQL.</source>
        <translation>Die Antwort ist kein gültiges JSON (%1 bei Byte %2 von %3): sie wurde abgeschnitten, oder der Server spricht kein GraphQL.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The response is JSON but not a GraphQL result (it has neither &quot;data&quot; nor &quot;errors&quot;): check that the URL is the GraphQL endpoint.</source>
        <translation>Die Antwort ist JSON, aber kein GraphQL-Ergebnis (sie enthält weder „data“ noch „errors“): prüfen Sie, ob die URL der GraphQL-Endpunkt ist.</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>no Content-Type</source>
        <translation>kein Content-Type</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The server answered HTTP %1 with %2, not a GraphQL response: check that the URL is the GraphQL endpoint (it often ends in /graphql).</source>
        <translation>Der Server hat mit HTTP %1 (%2) statt mit einer GraphQL-Antwort geantwortet: prüfen Sie, ob die URL der GraphQL-Endpunkt ist (er endet oft auf /graphql).</translation>
    </message>
</context>
<context>
    <name>tanager::GraphQlResponseView</name>
    <message>
        <location filename="../ui/graphql/GraphQlResponseView.cpp" line="+35"/>
        <source>Data appears here. Ctrl+Enter runs the query.</source>
        <translation>Hier erscheinen die Daten. Ctrl+Enter führt die Abfrage aus.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Path</source>
        <translation>Pfad</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Location</source>
        <translation>Position</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Enter or double-click an error to jump to its location in the query.</source>
        <translation>Enter oder Doppelklick auf einen Fehler springt zu seiner Stelle in der Abfrage.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Data</source>
        <translation>Daten</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Errors</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <location line="+52"/>
        <source>line %1, column %2</source>
        <translation>Zeile %1, Spalte %2</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Enter or double-click the path to select its field in the query.</source>
        <translation>Enter oder Doppelklick auf den Pfad wählt sein Feld in der Query aus.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>HTTP %1</source>
        <translation>HTTP %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>, %1 ms</source>
        <translation>, %1 ms</translation>
    </message>
    <message numerus="yes">
        <location line="+8"/>
        <source>Partial result: data with %n error(s) (%1%2). Fields that failed are null.</source>
        <translation>
            <numerusform>Teilergebnis: Daten mit %n Fehler (%1%2). Fehlgeschlagene Felder sind null.</numerusform>
            <numerusform>Teilergebnis: Daten mit %n Fehlern (%1%2). Fehlgeschlagene Felder sind null.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source>%n error(s), no data (%1%2).</source>
        <translation>
            <numerusform>%n Fehler, keine Daten (%1%2).</numerusform>
            <numerusform>%n Fehler, keine Daten (%1%2).</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Success (%1%2).</source>
        <translation>Erfolg (%1%2).</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Extensions: %1</source>
        <translation>Erweiterungen: %1</translation>
    </message>
    <message>
        <location line="+7"/>
        <source># event %1</source>
        <translation># Ereignis %1</translation>
    </message>
</context>
<context>
    <name>tanager::GraphQlSchemaCache</name>
    <message>
        <location filename="../core/graphql/GraphQlSchemaCache.cpp" line="+51"/>
        <source>Could not cache the GraphQL schema</source>
        <translation>Das GraphQL-Schema konnte nicht zwischengespeichert werden</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Could not remove the cached GraphQL schema</source>
        <translation>Das zwischengespeicherte GraphQL-Schema konnte nicht entfernt werden</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Could not read the cached GraphQL schema</source>
        <translation>Das zwischengespeicherte GraphQL-Schema konnte nicht gelesen werden</translation>
    </message>
</context>
<context>
    <name>tanager::GraphQlSchemaExplorer</name>
    <message>
        <location filename="../ui/graphql/GraphQlSchemaExplorer.cpp" line="+56"/>
        <source>Search types and fields</source>
        <translation>Typen und Felder durchsuchen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Type</source>
        <translation>Typ</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>No schema yet: fetch it (Ctrl+Shift+R) or load a file.</source>
        <translation>Noch kein Schema: rufen Sie es ab (Ctrl+Shift+R) oder laden Sie eine Datei.</translation>
    </message>
    <message numerus="yes">
        <location line="+55"/>
        <location line="+199"/>
        <source>%n type(s)</source>
        <translation>
            <numerusform>%n Typ</numerusform>
            <numerusform>%n Typen</numerusform>
        </translation>
    </message>
    <message>
        <location line="-178"/>
        <source>Deprecated</source>
        <translation>Veraltet</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>implements</source>
        <translation>implementiert</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>possible type</source>
        <translation>möglicher Typ</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Deprecated.</source>
        <translation>Veraltet.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Implements</source>
        <translation>Implementiert</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Possible types:</source>
        <translation>Mögliche Typen:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Fields</source>
        <translation>Felder</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Arguments</source>
        <translation>Argumente</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Default:</source>
        <translation>Standardwert:</translation>
    </message>
    <message numerus="yes">
        <location line="+85"/>
        <source>%n type(s) match</source>
        <translation>
            <numerusform>%n Typ passt</numerusform>
            <numerusform>%n Typen passen</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>tanager::GraphQlSdlLoader</name>
    <message>
        <location filename="../core/graphql/GraphQlSdlLoader.cpp" line="+141"/>
        <source>The schema does not parse at line %1, column %2: %3</source>
        <translation>Das Schema lässt sich in Zeile %1, Spalte %2 nicht parsen: %3</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Line %1 holds an operation or fragment; a schema file may only hold type system definitions.</source>
        <translation>Zeile %1 enthält eine Operation oder ein Fragment; eine Schemadatei darf nur Typsystem-Definitionen enthalten.</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>The schema has no query type: define type Query or a schema { query: ... } block.</source>
        <translation>Das Schema hat keinen Query-Typ: definieren Sie type Query oder einen Block schema { query: ... }.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Type %1 is used but never defined in the schema.</source>
        <translation>Typ %1 wird verwendet, ist im Schema aber nirgends definiert.</translation>
    </message>
</context>
<context>
    <name>tanager::GraphQlSubscription</name>
    <message>
        <location filename="../core/graphql/GraphQlSubscription.cpp" line="+43"/>
        <source>The server did not acknowledge the WebSocket connection within %1 s: check that it speaks graphql-transport-ws at this URL.</source>
        <translation>Der Server hat die WebSocket-Verbindung nicht innerhalb von %1 s bestätigt: prüfen Sie, ob er unter dieser URL graphql-transport-ws spricht.</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>This operation is a %1, not a subscription: send it over HTTP instead.</source>
        <translation>Diese Operation ist vom Typ %1, keine Subscription: senden Sie sie stattdessen über HTTP.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Subscriptions need an http, https, ws or wss URL, not %1.</source>
        <translation>Subscriptions brauchen eine http-, https-, ws- oder wss-URL, nicht %1.</translation>
    </message>
    <message>
        <location line="+64"/>
        <source>The server accepted the WebSocket but not the graphql-transport-ws protocol (it chose &quot;%1&quot;): it may speak the older subscriptions-transport-ws, which Tanager does not.</source>
        <translation>Der Server hat den WebSocket angenommen, aber nicht das Protokoll graphql-transport-ws (er wählte „%1“): er spricht möglicherweise das ältere subscriptions-transport-ws, das Tanager nicht unterstützt.</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>no message</source>
        <translation>keine Meldung</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The server rejected the subscription: %1</source>
        <translation>Der Server hat die Subscription abgelehnt: %1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The server sent a message graphql-transport-ws does not have (type &quot;%1&quot;): it speaks another protocol.</source>
        <translation>Der Server hat eine Nachricht gesendet, die es in graphql-transport-ws nicht gibt (Typ „%1“): er spricht ein anderes Protokoll.</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Could not open a graphql-transport-ws connection to %1 (%2): check the URL and that the server supports subscriptions over WebSocket.</source>
        <translation>Es konnte keine graphql-transport-ws-Verbindung zu %1 geöffnet werden (%2): prüfen Sie die URL und ob der Server Subscriptions über WebSocket unterstützt.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>code %1</source>
        <translation>Code %1</translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>The WebSocket closed mid-subscription after %n event(s) (code %1, %2): the server went away or dropped the connection; subscribe again.</source>
        <translation>
            <numerusform>Der WebSocket wurde mitten in der Subscription nach %n Ereignis geschlossen (Code %1, %2): der Server ist weg oder hat die Verbindung getrennt; abonnieren Sie erneut.</numerusform>
            <numerusform>Der WebSocket wurde mitten in der Subscription nach %n Ereignissen geschlossen (Code %1, %2): der Server ist weg oder hat die Verbindung getrennt; abonnieren Sie erneut.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+4"/>
        <source>no reason given</source>
        <translation>kein Grund angegeben</translation>
    </message>
</context>
<context>
    <name>tanager::GraphQlTab</name>
    <message>
        <location filename="../ui/graphql/GraphQlTab.cpp" line="+64"/>
        <location line="+239"/>
        <source>Run</source>
        <translation>Ausführen</translation>
    </message>
    <message>
        <location line="-238"/>
        <source>Fetch schema</source>
        <translation>Schema abrufen</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>GraphQL endpoint, e.g. https://api.example.com/graphql</source>
        <translation>GraphQL-Endpunkt, z. B. https://api.example.com/graphql</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>GET sends queries as URL parameters (mutations always use POST)</source>
        <translation>GET sendet Queries als URL-Parameter (Mutations verwenden immer POST)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The operation to run; follows the cursor</source>
        <translation>Die auszuführende Operation; folgt dem Cursor</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Run the operation (Ctrl+Enter); Esc stops</source>
        <translation>Operation ausführen (Ctrl+Enter); Esc stoppt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fetch the schema by introspection (Ctrl+Shift+R)</source>
        <translation>Schema per Introspection abrufen (Ctrl+Shift+R)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{&quot;id&quot;: 1}</source>
        <translation>{&quot;id&quot;: 1}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Authorization: Bearer …
One header per line</source>
        <translation>Authorization: Bearer …
Ein Header pro Zeile</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Variables</source>
        <translation>Variablen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Headers</source>
        <translation>Header</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Auth</source>
        <translation>Auth</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>No schema: fetch it with Ctrl+Shift+R for completion and validation.</source>
        <translation>Kein Schema: rufen Sie es mit Ctrl+Shift+R ab, um Vervollständigung und Validierung zu nutzen.</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Subscribed: events appear below as they arrive. Esc stops.</source>
        <translation>Abonniert: Ereignisse erscheinen unten, sobald sie eintreffen. Esc stoppt.</translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>Subscribed: %n event(s) so far. Esc stops.</source>
        <translation>
            <numerusform>Abonniert: bisher %n Ereignis. Esc stoppt.</numerusform>
            <numerusform>Abonniert: bisher %n Ereignisse. Esc stoppt.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>Subscription complete after %n event(s).</source>
        <translation>
            <numerusform>Subscription nach %n Ereignis abgeschlossen.</numerusform>
            <numerusform>Subscription nach %n Ereignissen abgeschlossen.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+71"/>
        <source>GraphQL</source>
        <translation>GraphQL</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>GraphQL %1</source>
        <translation>GraphQL %1</translation>
    </message>
    <message>
        <location line="+67"/>
        <source>Stop</source>
        <translation>Stoppen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Subscribe</source>
        <translation>Abonnieren</translation>
    </message>
    <message numerus="yes">
        <location line="+44"/>
        <source>%n problem(s). Line %1, column %2: %3</source>
        <translation>
            <numerusform>%n Problem. Zeile %1, Spalte %2: %3</numerusform>
            <numerusform>%n Probleme. Zeile %1, Spalte %2: %3</numerusform>
        </translation>
    </message>
    <message>
        <location line="+12"/>
        <source>%1 (anonymous)</source>
        <translation>%1 (anonym)</translation>
    </message>
    <message>
        <location line="+57"/>
        <source>Connecting to %1…</source>
        <translation>Verbindung mit %1 wird hergestellt…</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Running…</source>
        <translation>Wird ausgeführt…</translation>
    </message>
    <message>
        <location line="+53"/>
        <source>The query has no field at %1 any more: run it again to see where errors come from.</source>
        <translation>Die Query hat kein Feld mehr bei %1: führen Sie sie erneut aus, um zu sehen, woher die Fehler kommen.</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Fetching the schema…</source>
        <translation>Schema wird abgerufen…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>fetched just now</source>
        <translation>gerade abgerufen</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>cached %1</source>
        <translation>aus dem Cache vom %1</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Could not read %1 (%2): choose another file.</source>
        <translation>%1 konnte nicht gelesen werden (%2): wählen Sie eine andere Datei.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>loaded from %1</source>
        <translation>geladen aus %1</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Load GraphQL schema</source>
        <translation>GraphQL-Schema laden</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>GraphQL schemas (*.graphql *.graphqls *.gql *.json);;All files (*)</source>
        <translation>GraphQL-Schemas (*.graphql *.graphqls *.gql *.json);;Alle Dateien (*)</translation>
    </message>
    <message numerus="yes">
        <location line="+39"/>
        <source>Schema: %n type(s), %1.</source>
        <translation>
            <numerusform>Schema: %n Typ, %1.</numerusform>
            <numerusform>Schema: %n Typen, %1.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>tanager::GraphQlTabState</name>
    <message>
        <location filename="../core/graphql/GraphQlTabState.cpp" line="+68"/>
        <source>&quot;tabs&quot; is not a list</source>
        <translation>„tabs“ ist keine Liste</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>a tab is not an object</source>
        <translation>ein Tab ist kein Objekt</translation>
    </message>
    <message>
        <location line="+36"/>
        <location line="+8"/>
        <source>The GraphQL tabs</source>
        <translation>Die GraphQL-Tabs</translation>
    </message>
    <message>
        <location line="-8"/>
        <source>an empty tab is opened instead</source>
        <translation>stattdessen wird ein leerer Tab geöffnet</translation>
    </message>
</context>
<context>
    <name>tanager::GraphQlVariables</name>
    <message>
        <location filename="../core/graphql/GraphQlVariables.cpp" line="+89"/>
        <source>Variable %1 of non-null type %2 must not be null: give it a value.</source>
        <translation>Die Variable %1 vom Non-Null-Typ %2 darf nicht null sein: geben Sie ihr einen Wert.</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Variable %1 got invalid value %2: %3 expected.</source>
        <translation>Die Variable %1 hat den ungültigen Wert %2: erwartet wird %3.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>a 32-bit integer (Int)</source>
        <translation>eine 32-Bit-Ganzzahl (Int)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>a number (Float)</source>
        <translation>eine Zahl (Float)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>a string (String)</source>
        <translation>eine Zeichenkette (String)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>true or false (Boolean)</source>
        <translation>true oder false (Boolean)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>a string or an integer (ID)</source>
        <translation>eine Zeichenkette oder eine Ganzzahl (ID)</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>one of %1 (%2)</source>
        <translation>einer der Werte %1 (%2)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>an object (%1)</source>
        <translation>ein Objekt (%1)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Variable %1 got invalid value %2: field &quot;%3&quot; is not defined by type %4.</source>
        <translation>Die Variable %1 hat den ungültigen Wert %2: das Feld „%3“ ist im Typ %4 nicht definiert.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Variable %1 is missing field &quot;%2&quot; of required type %3: add it.</source>
        <translation>Der Variable %1 fehlt das Feld „%2“ vom Pflichttyp %3: fügen Sie es hinzu.</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>The variables are not valid JSON: %1</source>
        <translation>Die Variablen sind kein gültiges JSON: %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The variables must be a JSON object such as {&quot;id&quot;: 1}, not %1.</source>
        <translation>Die Variablen müssen ein JSON-Objekt wie {&quot;id&quot;: 1} sein, nicht %1.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>an array</source>
        <translation>ein Array</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>a single value</source>
        <translation>ein Einzelwert</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Variable %1 of required type %2 was not provided: add it to the variables.</source>
        <translation>Die Variable %1 vom Pflichttyp %2 wurde nicht angegeben: fügen Sie sie den Variablen hinzu.</translation>
    </message>
</context>
<context>
    <name>tanager::GraphQlWindow</name>
    <message>
        <location filename="../ui/graphql/GraphQlWindow.cpp" line="+31"/>
        <source>GraphQL — Tanager</source>
        <translation>GraphQL — Tanager</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Run</source>
        <translation>Ausführen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Stop</source>
        <translation>Stoppen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fetch schema</source>
        <translation>Schema abrufen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Load schema file</source>
        <translation>Schemadatei laden</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Prettify</source>
        <translation>Formatieren</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Go to type</source>
        <translation>Zum Typ springen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Search the schema</source>
        <translation>Schema durchsuchen</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>New GraphQL tab</source>
        <translation>Neuer GraphQL-Tab</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Close tab</source>
        <translation>Tab schließen</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+81"/>
        <source>Rename tab</source>
        <translation>Tab umbenennen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Name (empty: the endpoint&apos;s host):</source>
        <translation>Name (leer: Host des Endpunkts):</translation>
    </message>
</context>
<context>
    <name>tanager::GuiLauncher</name>
    <message>
        <location filename="../app/GuiLauncher.cpp" line="+56"/>
        <source>The window could not be started (%1): reinstall Tanager; the command line still works (tanager --help).</source>
        <translation>Das Fenster konnte nicht gestartet werden (%1): installieren Sie Tanager neu; die Befehlszeile funktioniert weiterhin (tanager --help).</translation>
    </message>
</context>
<context>
    <name>tanager::HistoryCommand</name>
    <message>
        <location filename="../app/HistoryCommand.cpp" line="+77"/>
        <source>List the recorded exchanges, newest first.</source>
        <translation>Die aufgezeichneten Einträge auflisten, neueste zuerst.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Only exchanges containing these words.</source>
        <translation>Nur Einträge, die diese Wörter enthalten.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>text</source>
        <translation>Text</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Only this method.</source>
        <translation>Nur diese Methode.</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>method</source>
        <translation>Methode</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Only this status (404) or class (4xx).</source>
        <translation>Nur dieser Status (404) oder diese Klasse (4xx).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Only this host[:port].</source>
        <translation>Nur dieser Host[:Port].</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>host</source>
        <translation>Host</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>At most this many (default 50).</source>
        <translation>Höchstens so viele (Standard: 50).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>n</source>
        <translation>n</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Print JSON.</source>
        <translation>JSON ausgeben.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Print one exchange in full.</source>
        <translation>Einen Eintrag vollständig ausgeben.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>id</source>
        <translation>ID</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Print Authorization and cookie values as stored.</source>
        <translation>Authorization- und Cookie-Werte wie gespeichert ausgeben.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source> (see tanager history --help)</source>
        <translation> (siehe tanager history --help)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>history takes no arguments, only options (see tanager history --help).</source>
        <translation>history nimmt keine Argumente, nur Optionen (siehe tanager history --help).</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>--show needs an exchange id from tanager history.</source>
        <translation>--show braucht eine Eintrags-ID aus tanager history.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>--limit needs a number of 0 or more (0 lists everything).</source>
        <translation>--limit braucht eine Zahl ab 0 (0 listet alles auf).</translation>
    </message>
</context>
<context>
    <name>tanager::HistoryModel</name>
    <message>
        <location filename="../core/storage/HistoryModel.cpp" line="+73"/>
        <source>failed</source>
        <translation>fehlgeschlagen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Method</source>
        <translation>Methode</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>URL</source>
        <translation>URL</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Duration</source>
        <translation>Dauer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
</context>
<context>
    <name>tanager::HistorySidebar</name>
    <message>
        <location filename="../ui/HistorySidebar.cpp" line="+29"/>
        <source>History</source>
        <translation>Verlauf</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Search URL, headers, bodies (Ctrl+K)</source>
        <translation>URL, Header und Bodys durchsuchen (Ctrl+K)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Search history</source>
        <translation>Verlauf durchsuchen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Any method</source>
        <translation>Alle Methoden</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Method filter</source>
        <translation>Methodenfilter</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Any status</source>
        <translation>Alle Status</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>2xx success</source>
        <translation>2xx Erfolg</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>3xx redirect</source>
        <translation>3xx Weiterleitung</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>4xx client error</source>
        <translation>4xx Client-Fehler</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>5xx server error</source>
        <translation>5xx Server-Fehler</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No response</source>
        <translation>Keine Antwort</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status filter</source>
        <translation>Statusfilter</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Host, e.g. api.example.com:8080</source>
        <translation>Host, z. B. api.example.com:8080</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Host filter</source>
        <translation>Hostfilter</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>History is off: the database could not be opened. Exchanges are not recorded.</source>
        <translation>Der Verlauf ist ausgeschaltet: die Datenbank konnte nicht geöffnet werden. Anfragen werden nicht aufgezeichnet.</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>Could not save to history: %1</source>
        <translation>Speichern im Verlauf fehlgeschlagen: %1</translation>
    </message>
    <message>
        <location line="+60"/>
        <source>Open in new tab</source>
        <translation>In neuem Tab öffnen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Clear all history</source>
        <translation>Gesamten Verlauf löschen</translation>
    </message>
</context>
<context>
    <name>tanager::HistoryStore</name>
    <message>
        <location filename="../core/storage/HistoryStore.cpp" line="+65"/>
        <source>Could not save the exchange to the history</source>
        <translation>Der Eintrag konnte nicht im Verlauf gespeichert werden</translation>
    </message>
    <message>
        <location line="+46"/>
        <location line="+9"/>
        <source>Could not apply the history limit</source>
        <translation>Die Verlaufsgrenze konnte nicht angewendet werden</translation>
    </message>
    <message>
        <location line="+103"/>
        <source>The status filter &quot;%1&quot; is not a code like 404 or a class like 4xx; correct it.</source>
        <translation>Der Statusfilter „%1“ ist weder ein Code wie 404 noch eine Klasse wie 4xx; korrigieren Sie ihn.</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Could not search the history</source>
        <translation>Der Verlauf konnte nicht durchsucht werden</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Could not read the exchange from the history</source>
        <translation>Der Eintrag konnte nicht aus dem Verlauf gelesen werden</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Exchange %1 is not in the history any more; refresh the list.</source>
        <translation>Eintrag %1 ist nicht mehr im Verlauf; aktualisieren Sie die Liste.</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>Could not count the history</source>
        <translation>Die Verlaufseinträge konnten nicht gezählt werden</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Could not remove exchanges from the history</source>
        <translation>Einträge konnten nicht aus dem Verlauf entfernt werden</translation>
    </message>
</context>
<context>
    <name>tanager::HmacVerifier</name>
    <message>
        <location filename="../core/webhooks/HmacVerifier.cpp" line="+46"/>
        <source>%1 does not start with %2.</source>
        <translation>%1 beginnt nicht mit %2.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 does not match the signed content and the secret.</source>
        <translation>%1 passt nicht zum signierten Inhalt und zum Secret.</translation>
    </message>
</context>
<context>
    <name>tanager::HttpCall</name>
    <message>
        <location filename="../core/http/HttpCall.cpp" line="+35"/>
        <source>older than TLS 1.2</source>
        <translation>älter als TLS 1.2</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>No PEM certificate could be read from the CA bundle %1: choose a PEM file with one or more CA certificates.</source>
        <translation>Aus dem CA-Bundle %1 konnte kein PEM-Zertifikat gelesen werden: wählen Sie eine PEM-Datei mit einem oder mehreren CA-Zertifikaten.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Cannot read the client certificate %1: %2.</source>
        <translation>Das Client-Zertifikat %1 kann nicht gelesen werden: %2.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The PKCS#12 file %1 could not be opened: check its passphrase.</source>
        <translation>Die PKCS#12-Datei %1 konnte nicht geöffnet werden: prüfen Sie die Passphrase.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>No PEM certificate found in %1.</source>
        <translation>Kein PEM-Zertifikat in %1 gefunden.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Cannot read the client key %1: %2.</source>
        <translation>Der Client-Schlüssel %1 kann nicht gelesen werden: %2.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The client key %1 is not an RSA or EC PEM key, or its passphrase is wrong.</source>
        <translation>Der Client-Schlüssel %1 ist kein RSA- oder EC-Schlüssel im PEM-Format, oder die Passphrase ist falsch.</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>Could not connect to %1 within %2 s: check the host and port, or raise the connect timeout.</source>
        <translation>Keine Verbindung zu %1 innerhalb von %2 s: prüfen Sie Host und Port, oder erhöhen Sie das Zeitlimit für den Verbindungsaufbau.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The server sent nothing for %1 s: it may be stuck; raise the transfer timeout if it is just slow.</source>
        <translation>Der Server hat %1 s lang nichts gesendet: er hängt möglicherweise; erhöhen Sie das Zeitlimit für die Übertragung, falls er nur langsam ist.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The exchange took longer than the %1 s allowed: raise the timeout or check the server.</source>
        <translation>Der Vorgang dauerte länger als die erlaubten %1 s: erhöhen Sie das Zeitlimit oder prüfen Sie den Server.</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>This request uses %1 auth, which this sender cannot apply: send it from the Tanager window or tanager send, or choose another auth type.</source>
        <translation>Diese Anfrage verwendet %1-Auth, die dieser Sender nicht anwenden kann: Senden Sie sie aus dem Tanager-Fenster oder mit tanager send, oder wählen Sie einen anderen Auth-Typ.</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>The %1 header you typed was sent instead of the auth settings.</source>
        <translation>Der von Ihnen eingegebene %1-Header wurde anstelle der Auth-Einstellungen gesendet.</translation>
    </message>
    <message>
        <location line="+140"/>
        <source>The body is %1-encoded, which Tanager cannot decode: it is shown as received.</source>
        <translation>Der Body ist %1-kodiert, was Tanager nicht dekodieren kann: er wird wie empfangen angezeigt.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Cannot write the download to %1: %2. Choose another file.</source>
        <translation>Der Download kann nicht nach %1 geschrieben werden: %2. Wählen Sie eine andere Datei.</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Writing the download to %1 failed: %2.</source>
        <translation>Das Schreiben des Downloads nach %1 ist fehlgeschlagen: %2.</translation>
    </message>
    <message>
        <location line="+57"/>
        <source>Stopped after %1 redirects (the limit): the server may redirect in a loop, or raise the limit.</source>
        <translation>Nach %1 Weiterleitungen (dem Limit) abgebrochen: der Server leitet möglicherweise im Kreis weiter, oder erhöhen Sie das Limit.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The server redirected to &quot;%1&quot;, which is not an http(s) URL.</source>
        <translation>Der Server hat auf „%1“ weitergeleitet, was keine http(s)-URL ist.</translation>
    </message>
    <message>
        <location line="+60"/>
        <source>The response was cut off after %1 bytes: %2</source>
        <translation>Die Antwort brach nach %1 Bytes ab: %2</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>The request was canceled.</source>
        <translation>Die Anfrage wurde abgebrochen.</translation>
    </message>
</context>
<context>
    <name>tanager::IdTokenCheck</name>
    <message>
        <location filename="../core/auth/IdTokenCheck.cpp" line="+30"/>
        <source>The ID token cannot be read: %1</source>
        <translation>Das ID-Token kann nicht gelesen werden: %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The ID token has no nonce claim although Tanager sent one: the provider ignored it.</source>
        <translation>Das ID-Token hat keinen nonce-Claim, obwohl Tanager eine Nonce gesendet hat: Der Anbieter hat sie ignoriert.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The ID token&apos;s nonce does not match the one Tanager sent, so the token may be replayed: sign in again.</source>
        <translation>Die Nonce des ID-Tokens stimmt nicht mit der von Tanager gesendeten überein, das Token wurde also möglicherweise wiederverwendet: Melden Sie sich erneut an.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The ID token was issued by &quot;%1&quot;, not by the profile&apos;s issuer %2: check the issuer URL.</source>
        <translation>Das ID-Token wurde von „%1“ ausgestellt, nicht vom Aussteller %2 des Profils: Prüfen Sie die Aussteller-URL.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The ID token is not meant for client &quot;%1&quot; (its audience is %2): check the client id.</source>
        <translation>Das ID-Token ist nicht für den Client „%1“ bestimmt (seine Audience ist %2): Prüfen Sie die Client-ID.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The ID token has no exp claim: the provider must say until when it is valid.</source>
        <translation>Das ID-Token hat keinen exp-Claim: Der Anbieter muss angeben, bis wann es gültig ist.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The ID token expired at %1 (UTC), before it arrived: check this computer&apos;s clock, or the provider&apos;s.</source>
        <translation>Das ID-Token ist um %1 (UTC) abgelaufen, bevor es ankam: Prüfen Sie die Uhr dieses Computers oder die des Anbieters.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The ID token was issued at %1 (UTC), in the future by this computer&apos;s clock: the clocks differ by more than %2 minutes; set this computer&apos;s time.</source>
        <translation>Das ID-Token wurde um %1 (UTC) ausgestellt, nach der Uhr dieses Computers in der Zukunft: Die Uhren weichen um mehr als %2 Minuten ab; stellen Sie die Uhrzeit dieses Computers.</translation>
    </message>
</context>
<context>
    <name>tanager::JsonFormatter</name>
    <message>
        <location filename="../core/common/JsonFormatter.cpp" line="+89"/>
        <location line="+126"/>
        <source>Formatting was canceled</source>
        <translation>Die Formatierung wurde abgebrochen</translation>
    </message>
    <message>
        <location line="-85"/>
        <source>Invalid JSON at line %1, column %2: %3</source>
        <translation>Ungültiges JSON in Zeile %1, Spalte %2: %3</translation>
    </message>
    <message>
        <location line="+14"/>
        <location line="+7"/>
        <source>unterminated string</source>
        <translation>nicht abgeschlossene Zeichenkette</translation>
    </message>
    <message>
        <location line="-3"/>
        <source>control character in string</source>
        <translation>Steuerzeichen in Zeichenkette</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>invalid \u escape</source>
        <translation>ungültiges \u-Escape</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>invalid escape sequence</source>
        <translation>ungültige Escape-Sequenz</translation>
    </message>
    <message>
        <location line="+17"/>
        <location line="+5"/>
        <location line="+9"/>
        <location line="+6"/>
        <source>invalid number</source>
        <translation>ungültige Zahl</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+52"/>
        <source>expected a value</source>
        <translation>Wert erwartet</translation>
    </message>
    <message>
        <location line="-33"/>
        <source>expected a value, found the end of the text</source>
        <translation>Wert erwartet, aber Ende des Textes erreicht</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>nested deeper than %1 levels</source>
        <translation>tiefer als %1 Ebenen verschachtelt</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>expected a string key</source>
        <translation>Zeichenketten-Schlüssel erwartet</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>expected &apos;:&apos;</source>
        <translation>&apos;:&apos; erwartet</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>unexpected text after the end of the JSON value</source>
        <translation>unerwarteter Text nach dem Ende des JSON-Werts</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>expected &apos;,&apos; or &apos;}&apos;</source>
        <translation>&apos;,&apos; oder &apos;}&apos; erwartet</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>expected &apos;,&apos; or &apos;]&apos;</source>
        <translation>&apos;,&apos; oder &apos;]&apos; erwartet</translation>
    </message>
</context>
<context>
    <name>tanager::JsonObjectFile</name>
    <message>
        <location filename="../core/common/JsonObjectFile.cpp" line="+32"/>
        <source>it is not a JSON object</source>
        <translation>es ist kein JSON-Objekt</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>cannot create the folder %1, check its permissions</source>
        <translation>der Ordner %1 kann nicht erstellt werden, prüfen Sie seine Berechtigungen</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>%1 in %2 cannot be read (%3): check its permissions.</source>
        <translation>%1 in %2 können nicht gelesen werden (%3): Berechtigungen prüfen.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 in %2 are damaged (%3); the file was kept as %4 to repair, and %5.</source>
        <translation>%1 in %2 sind beschädigt (%3); die Datei wurde zur Reparatur als %4 aufbewahrt, und %5.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>%1 could not be saved to %2: %3.</source>
        <translation>%1 konnten nicht in %2 gespeichert werden: %3.</translation>
    </message>
</context>
<context>
    <name>tanager::JwtDecoder</name>
    <message>
        <location filename="../core/auth/JwtDecoder.cpp" line="+37"/>
        <source>This is not a JWT: it has %1 dot-separated parts instead of 3 (header.claims.signature).</source>
        <translation>Dies ist kein JWT: Es hat %1 durch Punkte getrennte Teile statt 3 (header.claims.signature).</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The JWT is not base64url-encoded: copy the whole token without spaces or quotes.</source>
        <translation>Das JWT ist nicht base64url-kodiert: Kopieren Sie das ganze Token ohne Leerzeichen oder Anführungszeichen.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The JWT header is not a JSON object: the token is damaged.</source>
        <translation>Der JWT-Header ist kein JSON-Objekt: das Token ist beschädigt.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The JWT claims are not a JSON object: the token is damaged or encrypted (JWE).</source>
        <translation>Die JWT-Claims sind kein JSON-Objekt: das Token ist beschädigt oder verschlüsselt (JWE).</translation>
    </message>
</context>
<context>
    <name>tanager::JwtSigner</name>
    <message>
        <location filename="../core/auth/JwtSigner.cpp" line="+25"/>
        <source>The JWT %1 JSON is not valid at offset %2 (%3): fix it.</source>
        <translation>Das JSON im JWT-Teil „%1“ ist an Offset %2 ungültig (%3): korrigieren Sie es.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The JWT %1 must be a JSON object ({...}): wrap the fields in braces.</source>
        <translation>Der JWT-Teil „%1“ muss ein JSON-Objekt ({...}) sein: schließen Sie die Felder in geschweifte Klammern ein.</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>JWT algorithm &quot;%1&quot; is not supported: choose one of %2.</source>
        <translation>Der JWT-Algorithmus „%1“ wird nicht unterstützt: wählen Sie einen von %2.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>header</source>
        <translation>Header</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>claims</source>
        <translation>Claims</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>The JWT secret is empty: enter the secret shared with the server.</source>
        <translation>Das JWT-Secret ist leer: geben Sie das mit dem Server geteilte Secret ein.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The pasted JWT key</source>
        <translation>Der eingefügte JWT-Schlüssel</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 needs a private key: choose a PEM key file or paste the key.</source>
        <translation>%1 benötigt einen privaten Schlüssel: wählen Sie eine PEM-Schlüsseldatei oder fügen Sie den Schlüssel ein.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Cannot read the JWT key file %1: %2. Choose a readable PEM file.</source>
        <translation>Die JWT-Schlüsseldatei %1 kann nicht gelesen werden: %2. Wählen Sie eine lesbare PEM-Datei.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The JWT key file %1</source>
        <translation>Die JWT-Schlüsseldatei %1</translation>
    </message>
</context>
<context>
    <name>tanager::JwtVerifier</name>
    <message>
        <location filename="../core/auth/JwtVerifier.cpp" line="+22"/>
        <source>The JWT is signed with &quot;%1&quot;, which cannot be checked against a JWKS here: Tanager verifies RS256, PS256 and ES256.</source>
        <translation>Das JWT ist mit „%1“ signiert, was sich hier nicht gegen ein JWKS prüfen lässt: Tanager prüft RS256, PS256 und ES256.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The JWKS is not a JSON object with a &quot;keys&quot; array: check the jwks_uri document.</source>
        <translation>Das JWKS ist kein JSON-Objekt mit einem „keys“-Array: prüfen Sie das jwks_uri-Dokument.</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>The JWKS has no %1 key for this %2 token: check that it is the issuer&apos;s JWKS.</source>
        <translation>Das JWKS enthält keinen %1-Schlüssel für dieses %2-Token: prüfen Sie, ob es das JWKS des Ausstellers ist.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The JWKS has no %1 key with kid &quot;%2&quot;: the issuer may have rotated its keys; fetch the JWKS again.</source>
        <translation>Das JWKS enthält keinen %1-Schlüssel mit kid „%2“: der Aussteller hat seine Schlüssel möglicherweise rotiert; rufen Sie das JWKS erneut ab.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The JWT signature does not match the JWKS key: the token was altered or signed with another key.</source>
        <translation>Die JWT-Signatur passt nicht zum JWKS-Schlüssel: das Token wurde verändert oder mit einem anderen Schlüssel signiert.</translation>
    </message>
</context>
<context>
    <name>tanager::KeyValueTable</name>
    <message>
        <location filename="../ui/KeyValueTable.cpp" line="+20"/>
        <source>Key</source>
        <translation>Schlüssel</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <location line="+59"/>
        <source>Include this row</source>
        <translation>Diese Zeile einbeziehen</translation>
    </message>
    <message>
        <location line="+72"/>
        <source>Delete row</source>
        <translation>Zeile löschen</translation>
    </message>
</context>
<context>
    <name>tanager::KeychainSecretStore</name>
    <message>
        <location filename="../core/auth/KeychainSecretStore.cpp" line="+76"/>
        <source>access was denied (%1); allow Tanager in the keychain and try again</source>
        <translation>der Zugriff wurde verweigert (%1); erlauben Sie Tanager den Zugriff im Schlüsselbund und versuchen Sie es erneut</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>no keychain is available (%1); install and unlock gnome-keyring or KWallet</source>
        <translation>kein Schlüsselbund verfügbar (%1); installieren und entsperren Sie gnome-keyring oder KWallet</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1; check that the keychain is unlocked and try again</source>
        <translation>%1; prüfen Sie, ob der Schlüsselbund entsperrt ist, und versuchen Sie es erneut</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Could not read “%1” from the keychain</source>
        <translation>„%1“ konnte nicht aus dem Schlüsselbund gelesen werden</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Could not store “%1” in the keychain</source>
        <translation>„%1“ konnte nicht im Schlüsselbund gespeichert werden</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Could not delete “%1” from the keychain</source>
        <translation>„%1“ konnte nicht aus dem Schlüsselbund gelöscht werden</translation>
    </message>
</context>
<context>
    <name>tanager::LoopbackListener</name>
    <message>
        <location filename="../core/auth/LoopbackListener.cpp" line="+60"/>
        <source>Port %1 on 127.0.0.1 is already in use, so the browser cannot come back to Tanager: choose another redirect port or 0 for any free port.</source>
        <translation>Port %1 auf 127.0.0.1 wird bereits verwendet, daher kann der Browser nicht zu Tanager zurückkehren: wählen Sie einen anderen Redirect-Port oder 0 für einen beliebigen freien Port.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Cannot listen on 127.0.0.1:%1 for the browser&apos;s redirect: %2.</source>
        <translation>Auf 127.0.0.1:%1 kann nicht auf den Redirect des Browsers gewartet werden: %2.</translation>
    </message>
    <message>
        <location line="+81"/>
        <source>Bad request</source>
        <translation>Ungültige Anfrage</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tanager could not read this request (%1).</source>
        <translation>Tanager konnte diese Anfrage nicht lesen (%1).</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Method not allowed</source>
        <translation>Methode nicht erlaubt</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>The sign-in redirect must be a GET request.</source>
        <translation>Der Anmelde-Redirect muss eine GET-Anfrage sein.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Not found</source>
        <translation>Nicht gefunden</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>This address only receives the sign-in redirect.</source>
        <translation>Diese Adresse empfängt nur den Anmelde-Redirect.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Sign-in finished</source>
        <translation>Anmeldung abgeschlossen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>No sign-in is waiting.</source>
        <translation>Es wartet keine Anmeldung.</translation>
    </message>
</context>
<context>
    <name>tanager::MainWindow</name>
    <message>
        <location filename="../ui/MainWindow.cpp" line="+51"/>
        <source>Tanager</source>
        <translation>Tanager</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>Workbench</source>
        <translation>Arbeitsbereich</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Ready. Ctrl+L to type a URL, Ctrl+Enter to send.</source>
        <translation>Bereit. Ctrl+L, um eine URL einzugeben, Ctrl+Enter zum Senden.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;New tab</source>
        <translation>&amp;Neuer Tab</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>New &amp;GraphQL request</source>
        <translation>Neue &amp;GraphQL-Anfrage</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Close tab</source>
        <translation>Tab &amp;schließen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Rename tab…</source>
        <translation>Tab &amp;umbenennen…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Preferences…</source>
        <translation>&amp;Einstellungen…</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Request</source>
        <translation>An&amp;frage</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Send</source>
        <translation>&amp;Senden</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>C&amp;ancel</source>
        <translation>&amp;Abbrechen</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Focus &amp;URL</source>
        <translation>Zur &amp;URL springen</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Copy as c&amp;URL</source>
        <translation>Als &amp;cURL kopieren</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Find in response</source>
        <translation>Antwort &amp;durchsuchen</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Next tab</source>
        <translation>&amp;Nächster Tab</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Previous tab</source>
        <translation>&amp;Vorheriger Tab</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Show &amp;history sidebar</source>
        <translation>Verlaufs&amp;leiste anzeigen</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Search history</source>
        <translation>Verlauf &amp;durchsuchen</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Show &amp;resilience panel</source>
        <translation>&amp;Resilienz-Panel anzeigen</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Dead letters…</source>
        <translation>&amp;Unzustellbare Anfragen…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Webhooks…</source>
        <translation>&amp;Webhooks…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;OAuth2 profiles…</source>
        <translation>&amp;OAuth2-Profile…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Environments</source>
        <translation>&amp;Umgebungen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Edit environments…</source>
        <translation>Umgebungen &amp;bearbeiten…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Keyboard shortcuts</source>
        <translation>&amp;Tastenkürzel</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;About Tanager</source>
        <translation>&amp;Über Tanager</translation>
    </message>
    <message>
        <location line="+79"/>
        <source>Rename tab</source>
        <translation>Tab umbenennen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Name (empty: method and URL):</source>
        <translation>Name (leer: Methode und URL):</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Reopened from history.</source>
        <translation>Aus dem Verlauf wieder geöffnet.</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Webhooks need the history database, which could not be opened.</source>
        <translation>Webhooks benötigen die Verlaufsdatenbank, die nicht geöffnet werden konnte.</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>OAuth2 profiles are unavailable: the token store could not be opened.</source>
        <translation>OAuth2-Profile sind nicht verfügbar: der Token-Speicher konnte nicht geöffnet werden.</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Webhooks: %1</source>
        <translation>Webhooks: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>GraphQL: %1</source>
        <translation>GraphQL: %1</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>About Tanager</source>
        <translation>Über Tanager</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&lt;b&gt;Tanager %1&lt;/b&gt;&lt;br&gt;A native API workbench.</source>
        <translation>&lt;b&gt;Tanager %1&lt;/b&gt;&lt;br&gt;Eine native Arbeitsumgebung für APIs.</translation>
    </message>
</context>
<context>
    <name>tanager::MessageBar</name>
    <message>
        <location filename="../ui/MessageBar.cpp" line="+18"/>
        <source>Dismiss</source>
        <translation>Ausblenden</translation>
    </message>
</context>
<context>
    <name>tanager::MultipartTable</name>
    <message>
        <location filename="../ui/MultipartTable.cpp" line="+16"/>
        <source>Choose file for row…</source>
        <translation>Datei für Zeile auswählen…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Delete row</source>
        <translation>Zeile löschen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>File</source>
        <translation>Datei</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Value or file path</source>
        <translation>Wert oder Dateipfad</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Content type</source>
        <translation>Content-Type</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Tick &quot;File&quot; to send the value as a file path streamed from disk.</source>
        <translation>Haken Sie „Datei“ an, um den Wert als Pfad einer Datei zu senden, die vom Datenträger gestreamt wird.</translation>
    </message>
    <message>
        <location line="+91"/>
        <source>Choose a file to upload</source>
        <translation>Datei zum Hochladen auswählen</translation>
    </message>
</context>
<context>
    <name>tanager::NetworkErrorText</name>
    <message>
        <location filename="../core/http/NetworkErrorText.cpp" line="+23"/>
        <source>The proxy %1 could not be reached or refused the request (%2): check the request&apos;s proxy settings.</source>
        <translation>Der Proxy %1 war nicht erreichbar oder hat die Anfrage abgelehnt (%2): prüfen Sie die Proxy-Einstellungen der Anfrage.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Connection refused by %1: is the server running on that port?</source>
        <translation>Verbindung von %1 abgelehnt: läuft der Server auf diesem Port?</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Host %1 not found: check the spelling or your DNS.</source>
        <translation>Host %1 nicht gefunden: prüfen Sie die Schreibweise oder Ihr DNS.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 closed the connection before answering completely: check the server&apos;s logs.</source>
        <translation>%1 hat die Verbindung vor der vollständigen Antwort geschlossen: prüfen Sie die Logs des Servers.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 did not answer in time: raise the timeout or check the server.</source>
        <translation>%1 hat nicht rechtzeitig geantwortet (Zeitüberschreitung): erhöhen Sie das Zeitlimit oder prüfen Sie den Server.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The request was canceled.</source>
        <translation>Die Anfrage wurde abgebrochen.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The TLS certificate of %1 was not accepted (%2): add its CA in the request&apos;s TLS settings, or turn verification off for this request.</source>
        <translation>Das TLS-Zertifikat von %1 wurde nicht akzeptiert (%2): fügen Sie seine CA in den TLS-Einstellungen der Anfrage hinzu, oder schalten Sie die Prüfung für diese Anfrage aus.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The TLS handshake with %1 failed (%2): the server may require a client certificate or a protocol Tanager does not offer.</source>
        <translation>Der TLS-Handshake mit %1 ist fehlgeschlagen (%2): der Server verlangt möglicherweise ein Client-Zertifikat oder ein Protokoll, das Tanager nicht anbietet.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The network is not available: check your connection.</source>
        <translation>Das Netzwerk ist nicht verfügbar: prüfen Sie Ihre Verbindung.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The proxy failed (%1): check the request&apos;s proxy settings.</source>
        <translation>Der Proxy ist fehlgeschlagen (%1): prüfen Sie die Proxy-Einstellungen der Anfrage.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1 broke the HTTP protocol: %2.</source>
        <translation>%1 hat das HTTP-Protokoll verletzt: %2.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The request to %1 failed: %2.</source>
        <translation>Die Anfrage an %1 ist fehlgeschlagen: %2.</translation>
    </message>
</context>
<context>
    <name>tanager::OAuth2DeviceCodePanel</name>
    <message>
        <location filename="../ui/auth/OAuth2DeviceCodePanel.cpp" line="+17"/>
        <source>&amp;Copy code</source>
        <translation>Code &amp;kopieren</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Enter this code:</source>
        <translation>Geben Sie diesen Code ein:</translation>
    </message>
    <message numerus="yes">
        <location line="+15"/>
        <source>at &lt;a href=&quot;%1&quot;&gt;%2&lt;/a&gt; (the code expires in %n minute(s))</source>
        <translation>
            <numerusform>unter &lt;a href=&quot;%1&quot;&gt;%2&lt;/a&gt; (der Code läuft in %n Minute ab)</numerusform>
            <numerusform>unter &lt;a href=&quot;%1&quot;&gt;%2&lt;/a&gt; (der Code läuft in %n Minuten ab)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>tanager::OAuth2Flow</name>
    <message>
        <location filename="../core/auth/OAuth2Flow.cpp" line="+18"/>
        <source>The %1 flow did not finish within %2 seconds: start it again, and finish signing in sooner.</source>
        <translation>Der Ablauf „%1“ wurde nicht innerhalb von %2 Sekunden abgeschlossen: starten Sie ihn erneut und schließen Sie die Anmeldung schneller ab.</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Discovering the provider&apos;s endpoints...</source>
        <translation>Endpunkte des Anbieters werden ermittelt...</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>The profile has neither a token endpoint nor an issuer: enter one of them.</source>
        <translation>Das Profil hat weder einen Token-Endpunkt noch einen Aussteller: geben Sie einen davon ein.</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>The %1 flow was canceled.</source>
        <translation>Der Ablauf „%1“ wurde abgebrochen.</translation>
    </message>
</context>
<context>
    <name>tanager::OAuth2FlowLog</name>
    <message>
        <location filename="../core/auth/OAuth2FlowLog.cpp" line="+92"/>
        <source>Response: HTTP %1</source>
        <translation>Antwort: HTTP %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>No response: %1</source>
        <translation>Keine Antwort: %1</translation>
    </message>
</context>
<context>
    <name>tanager::OAuth2FlowLogView</name>
    <message>
        <location filename="../ui/auth/OAuth2FlowLogView.cpp" line="+14"/>
        <source>Re&amp;veal secrets</source>
        <translation>Secrets &amp;anzeigen</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Run “Get new token” to see every request and response of the flow here.</source>
        <translation>Führen Sie „Neues Token abrufen“ aus, um hier jede Anfrage und Antwort des Ablaufs zu sehen.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show client secrets, codes, tokens and passwords as they were sent</source>
        <translation>Client-Secrets, Codes, Tokens und Passwörter so anzeigen, wie sie gesendet wurden</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>No flow has run yet.</source>
        <translation>Bisher wurde kein Ablauf ausgeführt.</translation>
    </message>
</context>
<context>
    <name>tanager::OAuth2ProfileForm</name>
    <message>
        <location filename="../ui/auth/OAuth2ProfileForm.cpp" line="+46"/>
        <source>Show or hide what is typed</source>
        <translation>Eingabe anzeigen oder verbergen</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Authorization code (with PKCE)</source>
        <translation>Autorisierungscode (mit PKCE)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Client credentials</source>
        <translation>Client-Anmeldedaten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Device code</source>
        <translation>Gerätecode</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Password (deprecated by RFC 9700)</source>
        <translation>Passwort (abgekündigt durch RFC 9700)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>D&amp;iscover</source>
        <translation>Er&amp;mitteln</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+3"/>
        <source>Show</source>
        <translation>Anzeigen</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>Use PKCE (S256)</source>
        <translation>PKCE verwenden (S256)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>client_secret_basic (HTTP Basic)</source>
        <translation>client_secret_basic (HTTP Basic)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>client_secret_post (in the form)</source>
        <translation>client_secret_post (im Formular)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>none (public client)</source>
        <translation>none (öffentlicher Client)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>e.g. github-dev</source>
        <translation>z. B. github-dev</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>https://accounts.example.com (for discovery)</source>
        <translation>https://accounts.example.com (für die Ermittlung der Endpunkte)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fill the endpoints from the issuer&apos;s /.well-known/openid-configuration (Ctrl+Shift+D)</source>
        <translation>Endpunkte aus /.well-known/openid-configuration des Ausstellers übernehmen (Ctrl+Shift+D)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>https://…/authorize</source>
        <translation>https://…/authorize</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>https://…/token</source>
        <translation>https://…/token</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>https://…/device/authorize</source>
        <translation>https://…/device/authorize</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>https://…/jwks (to verify token signatures)</source>
        <translation>https://…/jwks (zum Prüfen von Token-Signaturen)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>kept in the keychain, never in the profiles file</source>
        <translation>im Schlüsselbund gespeichert, nie in der Profildatei</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>space-separated, e.g. openid profile api:read</source>
        <translation>durch Leerzeichen getrennt, z. B. openid profile api:read</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Parameter</source>
        <translation>Parameter</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Sent with the authorization and token requests: audience, resource, prompt, … (Delete removes the selected rows)</source>
        <translation>Wird mit der Autorisierungs- und der Token-Anfrage gesendet: audience, resource, prompt, … (Delete entfernt die ausgewählten Zeilen)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>any free port</source>
        <translation>beliebiger freier Port</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Grant:</source>
        <translation>&amp;Grant:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Iss&amp;uer:</source>
        <translation>A&amp;ussteller:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Authorization URL:</source>
        <translation>&amp;Autorisierungs-URL:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Token URL:</source>
        <translation>&amp;Token-URL:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>De&amp;vice authorization URL:</source>
        <translation>Ge&amp;räteautorisierungs-URL:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;JWKS URL:</source>
        <translation>&amp;JWKS-URL:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Client ID:</source>
        <translation>&amp;Client-ID:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Client s&amp;ecret:</source>
        <translation>Client-S&amp;ecret:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Client aut&amp;hentication:</source>
        <translation>Client-Aut&amp;hentifizierung:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Scopes:</source>
        <translation>&amp;Scopes:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>E&amp;xtra parameters:</source>
        <translation>&amp;Zusätzliche Parameter:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Loopback port:</source>
        <translation>&amp;Loopback-Port:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Use&amp;rname:</source>
        <translation>&amp;Benutzername:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pass&amp;word:</source>
        <translation>Pass&amp;wort:</translation>
    </message>
    <message>
        <location line="+148"/>
        <source>Enter the issuer (e.g. https://accounts.example.com) before discovering.</source>
        <translation>Geben Sie vor der Ermittlung den Aussteller ein (z. B. https://accounts.example.com).</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Discovering %1…</source>
        <translation>Endpunkte von %1 werden ermittelt…</translation>
    </message>
</context>
<context>
    <name>tanager::OAuth2ProfileStore</name>
    <message>
        <location filename="../core/auth/OAuth2ProfileStore.cpp" line="+87"/>
        <source>&quot;profiles&quot; is not a list</source>
        <translation>„profiles“ ist keine Liste</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The OAuth2 profiles in %1 cannot be read (%2): check its permissions.</source>
        <translation>Die OAuth2-Profile in %1 können nicht gelesen werden (%2): prüfen Sie die Berechtigungen der Datei.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The OAuth2 profiles in %1 are damaged (%2); the file was kept as %3 to repair.</source>
        <translation>Die OAuth2-Profile in %1 sind beschädigt (%2); die Datei wurde zur Reparatur als %3 aufbewahrt.</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>There is no OAuth2 profile &quot;%1&quot;: create one with `tanager auth add %1 ...` or in the request&apos;s Auth tab.</source>
        <translation>Es gibt kein OAuth2-Profil „%1“: legen Sie eines mit `tanager auth add %1 ...` oder im Auth-Tab der Anfrage an.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>There is no OAuth2 profile &quot;%1&quot;; the profiles are: %2.</source>
        <translation>Es gibt kein OAuth2-Profil „%1“; vorhandene Profile: %2.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>An OAuth2 profile needs a name: type one.</source>
        <translation>Ein OAuth2-Profil braucht einen Namen: geben Sie einen ein.</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>The OAuth2 profiles could not be saved to %1: %2.</source>
        <translation>Die OAuth2-Profile konnten nicht in %1 gespeichert werden: %2.</translation>
    </message>
</context>
<context>
    <name>tanager::OAuth2ProfilesWindow</name>
    <message>
        <location filename="../ui/auth/OAuth2ProfilesWindow.cpp" line="+34"/>
        <source>OAuth2: New profile</source>
        <translation>OAuth2: Neues Profil</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>OAuth2: Duplicate profile</source>
        <translation>OAuth2: Profil duplizieren</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>OAuth2: Remove profile</source>
        <translation>OAuth2: Profil entfernen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>OAuth2: Save profile</source>
        <translation>OAuth2: Profil speichern</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>OAuth2: Get new token</source>
        <translation>OAuth2: Neues Token abrufen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>OAuth2: Cancel the running flow</source>
        <translation>OAuth2: Laufenden Ablauf abbrechen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>OAuth2: Sign out (delete the tokens)</source>
        <translation>OAuth2: Abmelden (Tokens löschen)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>OAuth2: Discover endpoints from the issuer</source>
        <translation>OAuth2: Endpunkte vom Aussteller ermitteln</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>OAuth2: Verify token signatures</source>
        <translation>OAuth2: Token-Signaturen prüfen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>OAuth2: Reveal tokens and secrets</source>
        <translation>OAuth2: Tokens und Secrets anzeigen</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Save</source>
        <translation>Speichern</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Get new token</source>
        <translation>Neues Token abrufen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Sign out</source>
        <translation>Abmelden</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>OAuth2 profiles</source>
        <translation>OAuth2-Profile</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Add</source>
        <translation>Hinzufügen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Duplicate</source>
        <translation>Duplizieren</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;Profiles</source>
        <translation>&amp;Profile</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Pro&amp;file</source>
        <translation>Pro&amp;fil</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>T&amp;oken</source>
        <translation>T&amp;oken</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Flow &amp;log</source>
        <translation>Ab&amp;laufprotokoll</translation>
    </message>
    <message>
        <location line="+73"/>
        <source>Endpoints filled from the issuer&apos;s discovery document: save to keep them.</source>
        <translation>Endpunkte aus dem Discovery-Dokument des Ausstellers übernommen: speichern Sie, um sie zu behalten.</translation>
    </message>
    <message>
        <location line="+91"/>
        <source>Last flow of “%1”</source>
        <translation>Letzter Ablauf von „%1“</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>new profile</source>
        <translation>neues Profil</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>%1 copy</source>
        <translation>%1 Kopie</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Duplicated as “%1” (without its tokens).</source>
        <translation>Als „%1“ dupliziert (ohne seine Tokens).</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Removed “%1” with its secrets and tokens.</source>
        <translation>„%1“ mit seinen Secrets und Tokens entfernt.</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>Starting the flow for “%1”…</source>
        <translation>Ablauf für „%1“ wird gestartet…</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>Last flow of “%1”: %2</source>
        <translation>Letzter Ablauf von „%1“: %2</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Sign-in canceled.</source>
        <translation>Anmeldung abgebrochen.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Signed in to “%1”.</source>
        <translation>Bei „%1“ angemeldet.</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Signed out of “%1”: its tokens are deleted.</source>
        <translation>Von „%1“ abgemeldet: die Tokens wurden gelöscht.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>“%1” had no saved tokens.</source>
        <translation>„%1“ hatte keine gespeicherten Tokens.</translation>
    </message>
</context>
<context>
    <name>tanager::OAuth2TokenProvider</name>
    <message>
        <location filename="../core/auth/OAuth2TokenProvider.cpp" line="+214"/>
        <source>The access token of OAuth2 profile &quot;%1&quot; has expired and there is no refresh token: get a new token in the Auth tab or with `tanager auth login %1`.</source>
        <translation>Das Access-Token des OAuth2-Profils „%1“ ist abgelaufen und es gibt kein Refresh-Token: rufen Sie im Auth-Tab oder mit `tanager auth login %1` ein neues Token ab.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>OAuth2 profile &quot;%1&quot; has no token yet: get one in the Auth tab or with `tanager auth login %1`.</source>
        <translation>Das OAuth2-Profil „%1“ hat noch kein Token: rufen Sie eines im Auth-Tab oder mit `tanager auth login %1` ab.</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>The token of OAuth2 profile &quot;%1&quot; could not be refreshed: %2 Sign in again with `tanager auth login %1` or in the Auth tab.</source>
        <translation>Das Token des OAuth2-Profils „%1“ konnte nicht erneuert werden: %2 Melden Sie sich mit `tanager auth login %1` oder im Auth-Tab erneut an.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>OAuth2 profile &quot;%1&quot; could not get a token: %2</source>
        <translation>Das OAuth2-Profil „%1“ konnte kein Token abrufen: %2</translation>
    </message>
</context>
<context>
    <name>tanager::OAuth2TokenResponse</name>
    <message>
        <location filename="../core/auth/OAuth2TokenResponse.cpp" line="+30"/>
        <source>The %1 at %2 cannot be reached: %3</source>
        <extracomment>%1 is &quot;token endpoint&quot;, &quot;discovery endpoint&quot; or &quot;device authorization endpoint&quot;</extracomment>
        <translation>Der %1 unter %2 ist nicht erreichbar: %3</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The %1 answered HTTP %2 with an HTML page instead of JSON: check the endpoint URL.</source>
        <extracomment>%1 is &quot;token endpoint&quot;, &quot;discovery endpoint&quot; or &quot;device authorization endpoint&quot;</extracomment>
        <translation>Der %1 hat mit HTTP %2 und einer HTML-Seite statt JSON geantwortet: prüfen Sie die Endpunkt-URL.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>The %1 answered HTTP %2 with an empty body instead of JSON: check the endpoint URL.</source>
        <extracomment>%1 is &quot;token endpoint&quot;, &quot;discovery endpoint&quot; or &quot;device authorization endpoint&quot;</extracomment>
        <translation>Der %1 hat mit HTTP %2 und einem leeren Body statt JSON geantwortet: prüfen Sie die Endpunkt-URL.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The %1 answered HTTP %2 with something that is not JSON (&quot;%3&quot;): check the endpoint URL.</source>
        <extracomment>%1 is &quot;token endpoint&quot;, &quot;discovery endpoint&quot; or &quot;device authorization endpoint&quot;</extracomment>
        <translation>Der %1 hat mit HTTP %2 und etwas geantwortet, das kein JSON ist („%3“): prüfen Sie die Endpunkt-URL.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The %1 answered HTTP %2 with malformed JSON (%3 at offset %4): the provider is misbehaving, try again or report it.</source>
        <extracomment>%1 is &quot;token endpoint&quot;, &quot;discovery endpoint&quot; or &quot;device authorization endpoint&quot;</extracomment>
        <translation>Der %1 hat mit HTTP %2 und fehlerhaftem JSON geantwortet (%3 an Offset %4): der Anbieter verhält sich fehlerhaft; versuchen Sie es erneut oder melden Sie es.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The %1 answered HTTP %2 with a JSON array instead of an object: the provider is misbehaving.</source>
        <extracomment>%1 is &quot;token endpoint&quot;, &quot;discovery endpoint&quot; or &quot;device authorization endpoint&quot;</extracomment>
        <translation>Der %1 hat mit HTTP %2 und einem JSON-Array statt eines Objekts geantwortet: der Anbieter verhält sich fehlerhaft.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The %1 answered HTTP %2 without an OAuth2 error object: check the endpoint URL and the client settings.</source>
        <extracomment>%1 is &quot;token endpoint&quot;, &quot;discovery endpoint&quot; or &quot;device authorization endpoint&quot;</extracomment>
        <translation>Der %1 hat mit HTTP %2 ohne OAuth2-Fehlerobjekt geantwortet: prüfen Sie die Endpunkt-URL und die Client-Einstellungen.</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>(see %1)</source>
        <translation>(siehe %1)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The %1 refused the request: %2</source>
        <extracomment>%1 is &quot;token endpoint&quot;, &quot;discovery endpoint&quot; or &quot;device authorization endpoint&quot;</extracomment>
        <translation>Der %1 hat die Anfrage abgelehnt: %2</translation>
    </message>
    <message>
        <location line="+16"/>
        <location line="+10"/>
        <source>token endpoint</source>
        <extracomment>the endpoint&apos;s name inside &quot;The %1 answered ...&quot; sentences</extracomment>
        <translation>Token-Endpunkt</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The %1 answered without an access_token: the provider is misbehaving.</source>
        <extracomment>%1 is &quot;token endpoint&quot;, &quot;discovery endpoint&quot; or &quot;device authorization endpoint&quot;</extracomment>
        <translation>Der %1 hat ohne access_token geantwortet: der Anbieter verhält sich fehlerhaft.</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>The %1 sent expires_in &quot;%2&quot;, which is not a number: the provider is misbehaving.</source>
        <extracomment>%1 is &quot;token endpoint&quot;, &quot;discovery endpoint&quot; or &quot;device authorization endpoint&quot;</extracomment>
        <translation>Der %1 hat expires_in „%2“ gesendet, was keine Zahl ist: der Anbieter verhält sich fehlerhaft.</translation>
    </message>
</context>
<context>
    <name>tanager::OAuth2TokenStore</name>
    <message>
        <location filename="../core/auth/OAuth2TokenStore.cpp" line="+128"/>
        <source>Cannot save OAuth2 tokens without a profile name.</source>
        <translation>OAuth2-Tokens können ohne Profilnamen nicht gespeichert werden.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cannot save the tokens of “%1”: the token response has no access token.</source>
        <translation>Die Tokens von „%1“ können nicht gespeichert werden: die Token-Antwort enthält kein Access-Token.</translation>
    </message>
    <message>
        <location line="+67"/>
        <source>Could not store the token metadata of “%1”</source>
        <translation>Die Token-Metadaten von „%1“ konnten nicht gespeichert werden</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>The tokens of “%1” were not saved and it is signed out; sign in again. %2</source>
        <translation>Die Tokens von „%1“ wurden nicht gespeichert und das Profil ist abgemeldet; melden Sie sich erneut an. %2</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>The keychain no longer holds the access token of “%1”; sign in again.</source>
        <translation>Der Schlüsselbund enthält das Access-Token von „%1“ nicht mehr; melden Sie sich erneut an.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The keychain no longer holds the refresh token of “%1”; sign in again.</source>
        <translation>Der Schlüsselbund enthält das Refresh-Token von „%1“ nicht mehr; melden Sie sich erneut an.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The keychain no longer holds the ID token of “%1”; sign in again.</source>
        <translation>Der Schlüsselbund enthält das ID-Token von „%1“ nicht mehr; melden Sie sich erneut an.</translation>
    </message>
    <message>
        <location line="+51"/>
        <source>Could not delete the token metadata of “%1”</source>
        <translation>Die Token-Metadaten von „%1“ konnten nicht gelöscht werden</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>Could not read the token metadata of “%1”</source>
        <translation>Die Token-Metadaten von „%1“ konnten nicht gelesen werden</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Could not list the OAuth2 profiles</source>
        <translation>Die OAuth2-Profile konnten nicht aufgelistet werden</translation>
    </message>
</context>
<context>
    <name>tanager::OAuth2TokenView</name>
    <message>
        <location filename="../ui/auth/OAuth2TokenView.cpp" line="+54"/>
        <source>Access token</source>
        <translation>Access-Token</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ID token</source>
        <translation>ID-Token</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&amp;Reveal tokens</source>
        <translation>Tokens &amp;anzeigen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Verify signature</source>
        <translation>Signatur &amp;prüfen</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Fetch the profile&apos;s JWKS and check the signature of the access and ID tokens</source>
        <translation>JWKS des Profils abrufen und die Signatur von Access- und ID-Token prüfen</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Status:</source>
        <translation>Status:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Token type:</source>
        <translation>Token-Typ:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Scopes:</source>
        <translation>Scopes:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Obtained:</source>
        <translation>Erhalten:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Expires:</source>
        <translation>Läuft ab:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Access token:</source>
        <translation>&amp;Access-Token:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;ID token:</source>
        <translation>&amp;ID-Token:</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Decoded JWT header and claims (the signature is checked only by “Verify signature”):</source>
        <translation>Dekodierter JWT-Header und Claims (die Signatur wird nur mit „Signatur prüfen“ geprüft):</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Signed in</source>
        <translation>Angemeldet</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Not signed in</source>
        <translation>Nicht angemeldet</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>(none granted)</source>
        <translation>(keine gewährt)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>(no ID token: not an OpenID Connect sign-in)</source>
        <translation>(kein ID-Token: keine OpenID-Connect-Anmeldung)</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>%1 min %2 s</source>
        <translation>%1 min %2 s</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 h %2 min</source>
        <translation>%1 h %2 min</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 d %2 h</source>
        <translation>%1 d %2 h</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>not said by the server (no expires_in)</source>
        <translation>vom Server nicht angegeben (kein expires_in)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>in %1 (%2)</source>
        <translation>in %1 (%2)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>expired %1 ago (%2)</source>
        <translation>vor %1 abgelaufen (%2)</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>%1: not a JWT (an opaque token only the server can read).</source>
        <translation>%1: kein JWT (ein opakes Token, das nur der Server lesen kann).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 — header</source>
        <translation>%1 — Header</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 — claims</source>
        <translation>%1 — Claims</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>exp = %1</source>
        <translation>exp = %1</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Not signed in: there is no token to verify.</source>
        <translation>Nicht angemeldet: Es gibt kein Token zum Prüfen.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The profile has no JWKS URL: set it (or the issuer and press Discover) to verify signatures.</source>
        <translation>Das Profil hat keine JWKS-URL: Tragen Sie sie ein (oder den Aussteller und lassen Sie die Endpunkte ermitteln), um Signaturen zu prüfen.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Fetching the JWKS…</source>
        <translation>JWKS wird abgerufen…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>JWKS</source>
        <translation>JWKS</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The JWKS could not be fetched from %1: %2</source>
        <translation>Das JWKS konnte nicht von %1 abgerufen werden: %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The JWKS URL %1 answered HTTP %2: check the profile&apos;s JWKS URL.</source>
        <translation>Die JWKS-URL %1 antwortete mit HTTP %2: Prüfen Sie die JWKS-URL des Profils.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>%1: not a JWT, so it has no signature to check.</source>
        <translation>%1: kein JWT, daher gibt es keine Signatur zu prüfen.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1: signature NOT valid — %2</source>
        <translation>%1: Signatur NICHT gültig — %2</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1: signature valid (%2).</source>
        <translation>%1: Signatur gültig (%2).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1: signature valid (%2, key “%3”).</source>
        <translation>%1: Signatur gültig (%2, Schlüssel „%3“).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The token has expired, though.</source>
        <translation>Das Token ist allerdings abgelaufen.</translation>
    </message>
</context>
<context>
    <name>tanager::OidcDiscovery</name>
    <message>
        <location filename="../core/auth/OidcDiscovery.cpp" line="+33"/>
        <source>The issuer &quot;%1&quot; is not a URL: enter the provider&apos;s issuer, e.g. https://id.example.com.</source>
        <translation>Der Aussteller „%1“ ist keine URL: Geben Sie den Aussteller des Anbieters ein, z. B. https://id.example.com.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>OpenID Connect discovery</source>
        <translation>OpenID-Connect-Discovery</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>discovery endpoint</source>
        <translation>Discovery-Endpunkt</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>The discovery document names the issuer &quot;%1&quot;, not &quot;%2&quot;: check the issuer URL.</source>
        <translation>Das Discovery-Dokument nennt den Aussteller „%1“, nicht „%2“: Prüfen Sie die Aussteller-URL.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>The discovery document of %1 has no token_endpoint: enter the token endpoint by hand.</source>
        <translation>Das Discovery-Dokument von %1 hat keinen token_endpoint: Geben Sie den Token-Endpunkt von Hand ein.</translation>
    </message>
</context>
<context>
    <name>tanager::OpenSslKey</name>
    <message>
        <location filename="../core/auth/OpenSslKey.cpp" line="+38"/>
        <source>no key found</source>
        <translation>kein Schlüssel gefunden</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>OpenSSL error %1</source>
        <translation>OpenSSL-Fehler %1</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>%1 is not a PEM private key: %2. Use an unencrypted key that starts with &quot;-----BEGIN PRIVATE KEY-----&quot; (openssl pkey -in key.pem -out plain.pem).</source>
        <translation>%1 ist kein privater PEM-Schlüssel: %2. Verwenden Sie einen unverschlüsselten Schlüssel, der mit „-----BEGIN PRIVATE KEY-----“ beginnt (openssl pkey -in key.pem -out plain.pem).</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>An RSA key in the JWKS has no valid n or e: check the JWKS document.</source>
        <translation>Ein RSA-Schlüssel im JWKS hat kein gültiges n oder e: Prüfen Sie das JWKS-Dokument.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The JWKS key uses curve %1; Tanager verifies P-256 (ES256) only.</source>
        <translation>Der JWKS-Schlüssel verwendet die Kurve %1; Tanager prüft nur P-256 (ES256).</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>An EC key in the JWKS has no valid x or y: check the JWKS document.</source>
        <translation>Ein EC-Schlüssel im JWKS hat kein gültiges x oder y: Prüfen Sie das JWKS-Dokument.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The JWKS key has type &quot;%1&quot;; Tanager verifies RSA and EC keys.</source>
        <translation>Der JWKS-Schlüssel hat den Typ „%1“; Tanager prüft RSA- und EC-Schlüssel.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>A key in the JWKS could not be read: %1. Check the JWKS document.</source>
        <translation>Ein Schlüssel im JWKS konnte nicht gelesen werden: %1. Prüfen Sie das JWKS-Dokument.</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>%1 needs an EC P-256 private key, but the key is another kind: choose a P-256 key (openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256).</source>
        <translation>%1 benötigt einen privaten EC-P-256-Schlüssel, aber der Schlüssel ist von anderer Art: Wählen Sie einen P-256-Schlüssel (openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 needs an RSA private key, but the key is another kind: choose an RSA key or the ES256 algorithm.</source>
        <translation>%1 benötigt einen privaten RSA-Schlüssel, aber der Schlüssel ist von anderer Art: Wählen Sie einen RSA-Schlüssel oder den Algorithmus ES256.</translation>
    </message>
    <message>
        <location line="+10"/>
        <location line="+4"/>
        <location line="+8"/>
        <source>Signing the JWT failed: %1.</source>
        <translation>Das Signieren des JWT ist fehlgeschlagen: %1.</translation>
    </message>
</context>
<context>
    <name>tanager::PasswordFlow</name>
    <message>
        <location filename="../core/auth/PasswordFlow.cpp" line="+16"/>
        <source>The password grant needs a username: enter it in the profile.</source>
        <translation>Der Password-Grant benötigt einen Benutzernamen: Geben Sie ihn im Profil ein.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Token request (password)</source>
        <translation>Token-Anfrage (password)</translation>
    </message>
    <message>
        <location filename="../core/auth/PasswordFlow.h" line="+17"/>
        <source>Password (deprecated by RFC 9700)</source>
        <translation>Passwort (laut RFC 9700 veraltet)</translation>
    </message>
</context>
<context>
    <name>tanager::PolicyEditor</name>
    <message>
        <location filename="../ui/resilience/PolicyEditor.cpp" line="+32"/>
        <source>Retry POST and PATCH without an Idempotency-Key</source>
        <translation>POST und PATCH auch ohne Idempotency-Key wiederholen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Hold requests while the server&apos;s quota is used up</source>
        <translation>Anfragen zurückhalten, solange das Kontingent des Servers aufgebraucht ist</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Circuit breaker per host</source>
        <translation>Circuit Breaker pro Host</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Keep refused calls as dead letters</source>
        <translation>Abgelehnte Aufrufe als unzustellbare Anfragen aufbewahren</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>any host, or api.example.com, *.example.com, host:port</source>
        <translation>jeder Host, oder api.example.com, *.example.com, host:port</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>any path, or /api/*</source>
        <translation>jeder Pfad, oder /api/*</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>None</source>
        <translation>Keiner</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Token bucket</source>
        <translation>Token-Bucket</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sliding-window log</source>
        <translation>Gleitendes Fenster (Log)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source> /s</source>
        <translation> /s</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>request&apos;s own</source>
        <translation>wie in der Anfrage</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Applies to</source>
        <translation>Gilt für</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Host:</source>
        <translation>&amp;Host:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Path:</source>
        <translation>&amp;Pfad:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Retries</source>
        <translation>Wiederholungen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Attempts:</source>
        <translation>&amp;Versuche:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Base delay:</source>
        <translation>&amp;Grundverzögerung:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ca&amp;p:</source>
        <translation>&amp;Obergrenze:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Jitter:</source>
        <translation>&amp;Jitter:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Per-attempt &amp;timeout:</source>
        <translation>&amp;Zeitlimit pro Versuch:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Deadline:</source>
        <translation>&amp;Frist:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Rate limits</source>
        <translation>Ratenlimits</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Limiter:</source>
        <translation>&amp;Begrenzer:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Rate:</source>
        <translation>&amp;Rate:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>B&amp;urst:</source>
        <translation>B&amp;urst:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Window limit:</source>
        <translation>Fenster&amp;limit:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Window &amp;length:</source>
        <translation>Fenster&amp;dauer:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Circuit breaker</source>
        <translation>Circuit Breaker</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Failure rate ≥</source>
        <translation>F&amp;ehlerquote ≥</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Slow-call rate ≥</source>
        <translation>&amp;Quote langsamer Aufrufe ≥</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Slow &amp;call over</source>
        <translation>Langsamer Aufruf &amp;über</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Window (calls):</source>
        <translation>Fenster (Aufrufe):</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Minimum calls:</source>
        <translation>&amp;Mindestanzahl Aufrufe:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Wait in &amp;open:</source>
        <translation>&amp;Wartezeit offen:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Half-open &amp;permits:</source>
        <translation>Zul&amp;assungen halb offen:</translation>
    </message>
</context>
<context>
    <name>tanager::PolicyStore</name>
    <message>
        <location filename="../core/resilience/PolicyStore.cpp" line="+47"/>
        <source>The policies in %1 cannot be read (%2): check its permissions; the defaults apply.</source>
        <translation>Die Richtlinien in %1 können nicht gelesen werden (%2): prüfen Sie die Berechtigungen; es gelten die Standardwerte.</translation>
    </message>
    <message>
        <location line="-4"/>
        <source>&quot;rules&quot; is not a list</source>
        <translation>„rules“ ist keine Liste</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>The policies in %1 are damaged (%2); the defaults apply.</source>
        <translation>Die Richtlinien in %1 sind beschädigt (%2); es gelten die Standardwerte.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The policies in %1 are damaged (%2); the defaults apply and the file was kept as %3 to repair.</source>
        <translation>Die Richtlinien in %1 sind beschädigt (%2); es gelten die Standardwerte, und die Datei wurde zur Reparatur als %3 aufbewahrt.</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>The policies could not be saved to %1: %2.</source>
        <translation>Die Richtlinien konnten nicht in %1 gespeichert werden: %2.</translation>
    </message>
</context>
<context>
    <name>tanager::PreferencesDialog</name>
    <message>
        <location filename="../ui/PreferencesDialog.cpp" line="+18"/>
        <source>&amp;Redact Authorization, Cookie and Set-Cookie values</source>
        <translation>&amp;Werte von Authorization, Cookie und Set-Cookie schwärzen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Follow redirects</source>
        <translation>Weiterleitungen &amp;folgen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Preferences</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>History</source>
        <translation>Verlauf</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Credentials are replaced by [redacted] before an exchange is stored. Exports are always redacted unless you ask otherwise.</source>
        <translation>Zugangsdaten werden durch [redacted] ersetzt, bevor ein Eintrag gespeichert wird. Exporte werden immer geschwärzt, sofern Sie nichts anderes verlangen.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Keep everything</source>
        <translation>Alles behalten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source> exchanges</source>
        <translation> Einträge</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Keep at most:</source>
        <translation>&amp;Höchstens behalten:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>New requests</source>
        <translation>Neue Anfragen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No timeout</source>
        <translation>Kein Zeitlimit</translation>
    </message>
    <message>
        <location line="+1"/>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Transfer timeout:</source>
        <translation>&amp;Zeitlimit Übertragung:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Maximum redirects:</source>
        <translation>&amp;Maximale Weiterleitungen:</translation>
    </message>
</context>
<context>
    <name>tanager::RateLimitView</name>
    <message>
        <location filename="../ui/resilience/RateLimitView.cpp" line="+86"/>
        <source>%1 of %2 left</source>
        <translation>%1 von %2 übrig</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>no quota seen</source>
        <translation>kein Kontingent erkannt</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>resets in %1 s</source>
        <translation>wird in %1 s zurückgesetzt</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>no client-side limit</source>
        <translation>kein clientseitiges Limit</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>%1 waiting</source>
        <translation>%1 wartend</translation>
    </message>
</context>
<context>
    <name>tanager::RecordedExchange</name>
    <message>
        <location filename="../ui/RecordedExchange.cpp" line="+51"/>
        <source>History keeps the first %1 bytes of this body.</source>
        <translation>Der Verlauf speichert die ersten %1 Bytes dieses Bodys.</translation>
    </message>
</context>
<context>
    <name>tanager::RefreshFlow</name>
    <message>
        <location filename="../core/auth/RefreshFlow.cpp" line="+17"/>
        <source>There is no refresh token to use: sign in again (ask for offline_access if the provider needs it).</source>
        <translation>Es gibt kein Refresh-Token, das verwendet werden kann: Melden Sie sich erneut an (fordern Sie offline_access an, falls der Anbieter es verlangt).</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Token request (refresh_token)</source>
        <translation>Token-Anfrage (refresh_token)</translation>
    </message>
    <message>
        <location filename="../core/auth/RefreshFlow.h" line="+15"/>
        <source>Refresh token</source>
        <translation>Refresh-Token</translation>
    </message>
</context>
<context>
    <name>tanager::RequestEditor</name>
    <message>
        <location filename="../ui/RequestEditor.cpp" line="+32"/>
        <source>Parameter</source>
        <translation>Parameter</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+2"/>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>Query parameters of the URL; editing either side updates the other.</source>
        <translation>Query-Parameter der URL; Änderungen auf einer Seite aktualisieren die andere.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Header</source>
        <translation>Header</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Final request preview</source>
        <translation>Vorschau der endgültigen Anfrage</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+50"/>
        <source>Params</source>
        <translation>Parameter</translation>
    </message>
    <message>
        <location line="-49"/>
        <location line="+54"/>
        <source>Headers</source>
        <translation>Header</translation>
    </message>
    <message>
        <location line="-53"/>
        <location line="+54"/>
        <source>Body</source>
        <translation>Body</translation>
    </message>
    <message>
        <location line="-53"/>
        <location line="+54"/>
        <source>Auth</source>
        <translation>Auth</translation>
    </message>
    <message>
        <location line="-53"/>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Preview</source>
        <translation>Vorschau</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The exact request that will be sent, variables resolved</source>
        <translation>Die Anfrage genau so, wie sie gesendet wird, mit aufgelösten Variablen</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>Body •</source>
        <translation>Body •</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Auth •</source>
        <translation>Auth •</translation>
    </message>
</context>
<context>
    <name>tanager::RequestJson</name>
    <message>
        <location filename="../core/http/RequestJson.cpp" line="+55"/>
        <source>The saved %1 is not valid JSON (%2): fix or remove the file.</source>
        <translation>Die gespeicherten Daten (%1) sind kein gültiges JSON (%2): korrigieren oder entfernen Sie die Datei.</translation>
    </message>
</context>
<context>
    <name>tanager::RequestPreparer</name>
    <message>
        <location filename="../core/http/RequestPreparer.cpp" line="+77"/>
        <source>No file chosen for %1: choose a file or remove it from the body.</source>
        <translation>Keine Datei für %1 ausgewählt: wählen Sie eine Datei aus oder entfernen Sie den Eintrag aus dem Body.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Body file %1 does not exist: choose an existing file.</source>
        <translation>Die Body-Datei %1 existiert nicht: wählen Sie eine vorhandene Datei aus.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Body file %1 cannot be read: check its permissions.</source>
        <translation>Die Body-Datei %1 kann nicht gelesen werden: prüfen Sie ihre Berechtigungen.</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>field %1</source>
        <translation>Feld %1</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>the binary body</source>
        <translation>den binären Body</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Enter a URL to send the request to.</source>
        <translation>Geben Sie die URL ein, an die die Anfrage gesendet werden soll.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No scheme given: sent as %1.</source>
        <translation>Kein Schema angegeben: gesendet als %1.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The URL is not valid (%1): check it for spaces or stray characters.</source>
        <translation>Die URL ist ungültig (%1): prüfen Sie sie auf Leerzeichen oder überzählige Zeichen.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Only http and https URLs can be sent, not %1: start the URL with http:// or https://.</source>
        <translation>Nur http- und https-URLs können gesendet werden, nicht %1: beginnen Sie die URL mit http:// oder https://.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The URL has no host: write it as %1://host/path.</source>
        <translation>Die URL hat keinen Host: schreiben Sie sie als %1://host/pfad.</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>&quot;%1&quot; is not a valid HTTP method: use letters such as GET or POST, without spaces.</source>
        <translation>„%1“ ist keine gültige HTTP-Methode: verwenden Sie Buchstaben wie bei GET oder POST, ohne Leerzeichen.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The URL uses {{%1}}, which the active environment does not define: add it there.</source>
        <translation>Die URL verwendet {{%1}}, das in der aktiven Umgebung nicht definiert ist: fügen Sie es dort hinzu.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Undefined variables were sent as typed: %1.</source>
        <translation>Nicht definierte Variablen wurden wie eingegeben gesendet: %1.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Header name &quot;%1&quot; is not valid: use letters, digits and - only.</source>
        <translation>Der Header-Name „%1“ ist ungültig: verwenden Sie nur Buchstaben, Ziffern und -.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The value of header %1 has a line break: remove it.</source>
        <translation>Der Wert des Headers %1 enthält einen Zeilenumbruch: entfernen Sie ihn.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The Authorization header you typed was sent instead of the auth settings.</source>
        <translation>Der von Ihnen eingegebene Authorization-Header wurde anstelle der Authentifizierungseinstellungen gesendet.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>API key header name &quot;%1&quot; is not valid: use letters, digits and - only.</source>
        <translation>Der Header-Name „%1“ für den API-Schlüssel ist ungültig: verwenden Sie nur Buchstaben, Ziffern und -.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>TLS certificate verification is off for this request: the server&apos;s identity was not checked.</source>
        <translation>Die Prüfung des TLS-Zertifikats ist für diese Anfrage ausgeschaltet: die Identität des Servers wurde nicht geprüft.</translation>
    </message>
</context>
<context>
    <name>tanager::RequestPreviewText</name>
    <message>
        <location filename="../ui/RequestPreviewText.cpp" line="+14"/>
        <source>(automatic)</source>
        <translation>(automatisch)</translation>
    </message>
    <message numerus="yes">
        <location line="+7"/>
        <source>… (%n bytes in all)</source>
        <translation>
            <numerusform>… (insgesamt %n Byte)</numerusform>
            <numerusform>… (insgesamt %n Bytes)</numerusform>
        </translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Warning: %1</source>
        <translation>Warnung: %1</translation>
    </message>
</context>
<context>
    <name>tanager::RequestTab</name>
    <message>
        <location filename="../ui/RequestTab.cpp" line="+47"/>
        <source>Method</source>
        <translation>Methode</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Enter a URL, e.g. https://api.example.com/items?page=1 — {{variables}} allowed</source>
        <translation>URL eingeben, z. B. https://api.example.com/items?page=1 – {{Variablen}} erlaubt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>URL</source>
        <translation>URL</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+165"/>
        <source>Send</source>
        <translation>Senden</translation>
    </message>
    <message>
        <location line="-163"/>
        <location line="+164"/>
        <source>Send the request (Ctrl+Enter)</source>
        <translation>Anfrage senden (Ctrl+Enter)</translation>
    </message>
    <message>
        <location line="-163"/>
        <location line="+154"/>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <location line="-150"/>
        <source>Request error</source>
        <translation>Anfragefehler</translation>
    </message>
    <message>
        <location line="+75"/>
        <source>New request</source>
        <translation>Neue Anfrage</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Not sent: %1</source>
        <translation>Nicht gesendet: %1</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>Nothing to copy.</source>
        <translation>Nichts zu kopieren.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Copied the request as a curl command.</source>
        <translation>Die Anfrage wurde als curl-Befehl kopiert.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Cancel the request (Esc)</source>
        <translation>Anfrage abbrechen (Esc)</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Not defined in the active environment (sent as typed): %1</source>
        <translation>In der aktiven Umgebung nicht definiert (wird wie eingegeben gesendet): %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>This request cannot be sent yet:
%1</source>
        <translation>Diese Anfrage kann noch nicht gesendet werden:
%1</translation>
    </message>
</context>
<context>
    <name>tanager::ResiliencePanel</name>
    <message>
        <location filename="../ui/resilience/ResiliencePanel.cpp" line="+45"/>
        <source>Resilience</source>
        <translation>Resilienz</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Send request tabs under these policies</source>
        <translation>Anfrage-Tabs mit diesen Richtlinien senden</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add rule</source>
        <translation>Regel hinzufügen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Remove rule</source>
        <translation>Regel entfernen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Move rule up</source>
        <translation>Regel nach oben</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Move rule down</source>
        <translation>Regel nach unten</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+370"/>
        <source>&amp;Run scenario</source>
        <translation>Szenario &amp;starten</translation>
    </message>
    <message>
        <location line="-355"/>
        <source>R&amp;ules (the most specific match wins):</source>
        <translation>R&amp;egeln (die genaueste Übereinstimmung gewinnt):</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>http://127.0.0.1:8080/seq/demo?s=500,500,200</source>
        <translation>http://127.0.0.1:8080/seq/demo?s=500,500,200</translation>
    </message>
    <message>
        <location line="+5"/>
        <source> /s</source>
        <translation> /s</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Run or stop the scenario (Ctrl+Shift+Enter)</source>
        <translation>Szenario starten oder stoppen (Ctrl+Shift+Enter)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>URL:</source>
        <translation>URL:</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&amp;N:</source>
        <translation>&amp;N:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>R&amp;ate:</source>
        <translation>Ra&amp;te:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;In flight:</source>
        <translation>Gleichzeit&amp;ig:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Latest host</source>
        <translation>Zuletzt verwendeter Host</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The host whose breaker and rate limits are drawn</source>
        <translation>Der Host, dessen Breaker und Ratenlimits gezeichnet werden</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Host:</source>
        <translation>&amp;Host:</translation>
    </message>
    <message>
        <location line="+207"/>
        <source>any host</source>
        <translation>jeder Host</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n attempt(s)</source>
        <translation>
            <numerusform>%n Versuch</numerusform>
            <numerusform>%n Versuche</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>limit</source>
        <translation>Limit</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>breaker</source>
        <translation>Breaker</translation>
    </message>
    <message>
        <location line="+61"/>
        <source>The scenario needs a URL such as http://127.0.0.1:8080/seq/demo?s=500,200; type one.</source>
        <translation>Das Szenario braucht eine URL wie http://127.0.0.1:8080/seq/demo?s=500,200; geben Sie eine ein.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>&amp;Stop scenario</source>
        <translation>Szenario &amp;stoppen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Pick a policy, type a URL and run a scenario to watch it work.</source>
        <translation>Wählen Sie eine Richtlinie, geben Sie eine URL ein und starten Sie ein Szenario, um ihr bei der Arbeit zuzusehen.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 sent, %2 done (%3 succeeded), %4 in flight, %5 per second%6</source>
        <translation>%1 gesendet, %2 fertig (%3 erfolgreich), %4 laufend, %5 pro Sekunde%6</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>; finished</source>
        <translation>; beendet</translation>
    </message>
</context>
<context>
    <name>tanager::ResilientSender</name>
    <message>
        <location filename="../core/resilience/ResilientSender.cpp" line="+198"/>
        <source>server quota used up; waiting for its reset</source>
        <translation>Kontingent des Servers aufgebraucht; es wird auf das Zurücksetzen gewartet</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>circuit open for %1 until %2</source>
        <translation>Circuit Breaker für %1 offen bis %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>circuit %1 for %2</source>
        <translation>Circuit Breaker für %2: %1</translation>
    </message>
    <message>
        <location line="+93"/>
        <source>canceled</source>
        <translation>abgebrochen</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>HTTP %1 %2</source>
        <translation>HTTP %1 %2</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Canceled.</source>
        <translation>Abgebrochen.</translation>
    </message>
</context>
<context>
    <name>tanager::ResponsePanel</name>
    <message>
        <location filename="../ui/ResponsePanel.cpp" line="+55"/>
        <source>Copy as cURL</source>
        <translation>Als cURL kopieren</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Copy the request as a curl command (Ctrl+Shift+C)</source>
        <translation>Anfrage als curl-Befehl kopieren (Ctrl+Shift+C)</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Pretty</source>
        <translation>Formatiert</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Raw</source>
        <translation>Roh</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hex</source>
        <translation>Hex</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Headers</source>
        <translation>Header</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Timeline</source>
        <translation>Zeitleiste</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Header</source>
        <translation>Header</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Send a request to see its response here.
Ctrl+Enter sends, Esc cancels.</source>
        <translation>Senden Sie eine Anfrage, um hier ihre Antwort zu sehen.
Ctrl+Enter sendet, Esc bricht ab.</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>No response yet</source>
        <translation>Noch keine Antwort</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Sending…</source>
        <translation>Wird gesendet…</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>%1 of %2</source>
        <translation>%1 von %2</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Receiving… %1</source>
        <translation>Wird empfangen… %1</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>%1 on the wire, %2 decoded</source>
        <translation>%1 übertragen, %2 dekodiert</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Body size: bytes received on the wire, and after decoding</source>
        <translation>Body-Größe: übertragene Bytes und Bytes nach dem Dekodieren</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Canceled</source>
        <translation>Abgebrochen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No response</source>
        <translation>Keine Antwort</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The body was saved to %1</source>
        <translation>Der Body wurde in %1 gespeichert</translation>
    </message>
</context>
<context>
    <name>tanager::RetryPolicy</name>
    <message>
        <location filename="../core/resilience/RetryPolicy.cpp" line="+113"/>
        <source>HTTP %1 is not retried</source>
        <translation>HTTP %1 wird nicht wiederholt</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>this error is not retried</source>
        <translation>dieser Fehler wird nicht wiederholt</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 is not idempotent: add an Idempotency-Key header or allow unsafe retries</source>
        <translation>%1 ist nicht idempotent: fügen Sie einen Idempotency-Key-Header hinzu oder erlauben Sie unsichere Wiederholungen</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 of %2 attempts used</source>
        <translation>%1 von %2 Versuchen verbraucht</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>waiting %1 ms would pass the %2 ms deadline</source>
        <translation>%1 ms Warten würde die Frist von %2 ms überschreiten</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>network error</source>
        <translation>Netzwerkfehler</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>HTTP %1</source>
        <translation>HTTP %1</translation>
    </message>
</context>
<context>
    <name>tanager::RetryTimelineView</name>
    <message>
        <location filename="../ui/resilience/RetryTimelineView.cpp" line="+59"/>
        <source>%1, Retry-After</source>
        <translation>%1, Retry-After</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>no requests yet</source>
        <translation>noch keine Anfragen</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
</context>
<context>
    <name>tanager::SecretStoreFactory</name>
    <message>
        <location filename="../core/auth/SecretStoreFactory.cpp" line="+22"/>
        <source>No keychain is available (%1): secrets are kept in memory until Tanager quits. Install and unlock gnome-keyring or KWallet to keep them.</source>
        <translation>Kein Schlüsselbund verfügbar (%1): Secrets werden bis zum Beenden von Tanager im Speicher gehalten. Installieren und entsperren Sie gnome-keyring oder KWallet, um sie dauerhaft zu behalten.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>the keychain gave no reason</source>
        <translation>der Schlüsselbund hat keinen Grund angegeben</translation>
    </message>
</context>
<context>
    <name>tanager::SendCommand</name>
    <message>
        <location filename="../app/SendCommand.cpp" line="+48"/>
        <source>--auth &quot;%1&quot; is not understood: use basic:USER:PASS, digest:USER:PASS, bearer:TOKEN or oauth2:PROFILE.</source>
        <translation>--auth „%1“ wird nicht verstanden: Verwenden Sie basic:USER:PASS, digest:USER:PASS, bearer:TOKEN oder oauth2:PROFILE.</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>Send one HTTP request and print the response.</source>
        <translation>Eine HTTP-Anfrage senden und die Antwort ausgeben.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Add a header, e.g. -H &apos;Accept: text/html&apos;.</source>
        <translation>Einen Header hinzufügen, z. B. -H &apos;Accept: text/html&apos;.</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>header</source>
        <translation>Header</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Body: text, @file to stream a file, @- to read stdin.</source>
        <translation>Body: Text, @Datei streamt eine Datei, @- liest von stdin.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>data</source>
        <translation>Daten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Write the body to a file instead of stdout.</source>
        <translation>Den Body in eine Datei statt nach stdout schreiben.</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+8"/>
        <location line="+1"/>
        <location line="+1"/>
        <source>file</source>
        <translation>Datei</translation>
    </message>
    <message>
        <location line="-9"/>
        <source>Print the status line and headers too.</source>
        <translation>Auch Statuszeile und Header ausgeben.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Print the request as sent to stderr.</source>
        <translation>Die Anfrage wie gesendet auf stderr ausgeben.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Print the whole exchange as one JSON object.</source>
        <translation>Anfrage und Antwort zusammen als ein JSON-Objekt ausgeben.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Give up after this many seconds.</source>
        <translation>Nach so vielen Sekunden aufgeben.</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+19"/>
        <source>seconds</source>
        <translation>Sekunden</translation>
    </message>
    <message>
        <location line="-18"/>
        <source>Do not verify the server&apos;s TLS certificate.</source>
        <translation>Das TLS-Zertifikat des Servers nicht prüfen.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Do not follow redirects.</source>
        <translation>Weiterleitungen nicht folgen.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Follow at most this many redirects.</source>
        <translation>Höchstens so vielen Weiterleitungen folgen.</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+5"/>
        <location line="+9"/>
        <location line="+3"/>
        <source>n</source>
        <translation>n</translation>
    </message>
    <message>
        <location line="-16"/>
        <source>Also trust the CA certificates in this PEM file.</source>
        <translation>Zusätzlich den CA-Zertifikaten in dieser PEM-Datei vertrauen.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Client certificate (PEM or .p12).</source>
        <translation>Client-Zertifikat (PEM oder .p12).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Client private key (PEM).</source>
        <translation>Privater Client-Schlüssel (PEM).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Retry a failed request up to N times (Retry-After honoured).</source>
        <translation>Eine fehlgeschlagene Anfrage bis zu N-mal wiederholen (Retry-After wird beachtet).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Backoff jitter: none, full, equal or decorrelated.</source>
        <translation>Backoff-Jitter: none, full, equal oder decorrelated.</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>mode</source>
        <translation>Modus</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Also retry POST and PATCH without an Idempotency-Key header.</source>
        <translation>POST und PATCH auch ohne Idempotency-Key-Header wiederholen.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>First backoff in milliseconds (default 200).</source>
        <translation>Erster Backoff in Millisekunden (Standard: 200).</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+1"/>
        <source>ms</source>
        <translation>ms</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Longest backoff in milliseconds (default 20000).</source>
        <translation>Längster Backoff in Millisekunden (Standard: 20000).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Send at most R requests per second, e.g. 5/s.</source>
        <translation>Höchstens R Anfragen pro Sekunde senden, z. B. 5/s.</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>R/s</source>
        <translation>R/s</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Run the requests through a circuit breaker.</source>
        <translation>Die Anfragen über einen Circuit Breaker leiten.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Calls the breaker needs before it judges (default 5).</source>
        <translation>Aufrufe, die der Circuit Breaker vor einer Bewertung braucht (Standard: 5).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Seconds the breaker stays open (default 5).</source>
        <translation>Sekunden, die der Circuit Breaker offen bleibt (Standard: 5).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Send the request N times, one after the other.</source>
        <translation>Die Anfrage N-mal nacheinander senden.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>basic:USER:PASS, digest:USER:PASS, bearer:TOKEN or oauth2:PROFILE; a secret may be env:NAME to read it from the environment.</source>
        <translation>basic:USER:PASS, digest:USER:PASS, bearer:TOKEN oder oauth2:PROFILE; ein Secret kann env:NAME sein, um es aus der Umgebung zu lesen.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>scheme:value</source>
        <translation>schema:wert</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>GET, POST, ... (optional, GET by default)</source>
        <translation>GET, POST, ... (optional, standardmäßig GET)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The URL to send to.</source>
        <translation>Die Ziel-URL.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source> (see tanager send --help)</source>
        <translation> (siehe tanager send --help)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>send needs a METHOD and a URL, e.g. tanager send GET https://example.org</source>
        <translation>send braucht eine Methode und eine URL, z. B. tanager send GET https://example.org</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Header &quot;%1&quot; must look like &quot;Name: value&quot;.</source>
        <translation>Der Header „%1“ muss die Form „Name: Wert“ haben.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Cannot read the body from standard input.</source>
        <translation>Der Body kann nicht von der Standardeingabe gelesen werden.</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>--timeout needs a positive number of seconds, not &quot;%1&quot;.</source>
        <translation>--timeout braucht eine positive Anzahl Sekunden, nicht „%1“.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>--max-redirs needs a number of 0 or more.</source>
        <translation>--max-redirs braucht eine Zahl ab 0.</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>--retry needs a number of 0 or more, not &quot;%1&quot;.</source>
        <translation>--retry braucht eine Zahl ab 0, nicht „%1“.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>--jitter must be none, full, equal or decorrelated, not &quot;%1&quot;.</source>
        <translation>--jitter muss none, full, equal oder decorrelated sein, nicht „%1“.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>--retry-base needs milliseconds, e.g. --retry-base 100.</source>
        <translation>--retry-base braucht Millisekunden, z. B. --retry-base 100.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>--retry-cap needs milliseconds, e.g. --retry-cap 5000.</source>
        <translation>--retry-cap braucht Millisekunden, z. B. --retry-cap 5000.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>--rate needs requests per second, e.g. --rate 5/s, not &quot;%1&quot;.</source>
        <translation>--rate braucht Anfragen pro Sekunde, z. B. --rate 5/s, nicht „%1“.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>--breaker-min needs a number of 1 or more.</source>
        <translation>--breaker-min braucht eine Zahl ab 1.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>--breaker-wait needs seconds, e.g. --breaker-wait 2.</source>
        <translation>--breaker-wait braucht Sekunden, z. B. --breaker-wait 2.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>--repeat needs a number of 1 or more.</source>
        <translation>--repeat braucht eine Zahl ab 1.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>--output cannot be combined with --repeat; drop one of them.</source>
        <translation>--output lässt sich nicht mit --repeat kombinieren; lassen Sie eine der beiden Optionen weg.</translation>
    </message>
    <message>
        <location line="+54"/>
        <source>attempt %1: HTTP %2 in %3 ms</source>
        <translation>Versuch %1: HTTP %2 in %3 ms</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>attempt %1: %2</source>
        <translation>Versuch %1: %2</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>retrying in %1 ms as Retry-After asks (%2)</source>
        <translation>neuer Versuch in %1 ms, wie Retry-After verlangt (%2)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>retrying in %1 ms (%2)</source>
        <translation>neuer Versuch in %1 ms (%2)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>breaker for %1: %2 -&gt; %3</source>
        <translation>Circuit Breaker für %1: %2 -&gt; %3</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>giving up: %1</source>
        <translation>aufgegeben: %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>waited %1 ms for the rate limit</source>
        <translation>%1 ms auf das Ratenlimit gewartet</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>%1: HTTP %2 after %3 attempt(s)</source>
        <translation>%1: HTTP %2 nach %3 Versuch(en)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>kept as dead letter %1; see tanager dlq show %1</source>
        <translation>als unzustellbare Anfrage %1 aufbewahrt; siehe tanager dlq show %1</translation>
    </message>
</context>
<context>
    <name>tanager::ShopifyVerifier</name>
    <message>
        <location filename="../core/webhooks/ShopifyVerifier.cpp" line="+24"/>
        <source>X-Shopify-Hmac-Sha256 does not match the body and the app&apos;s client secret.</source>
        <translation>X-Shopify-Hmac-Sha256 passt nicht zum Body und zum Client-Secret der App.</translation>
    </message>
</context>
<context>
    <name>tanager::ShortcutsDialog</name>
    <message>
        <location filename="../ui/ShortcutsDialog.cpp" line="+17"/>
        <source>Keyboard shortcuts</source>
        <translation>Tastenkürzel</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Action</source>
        <translation>Aktion</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Shortcut</source>
        <translation>Tastenkürzel</translation>
    </message>
</context>
<context>
    <name>tanager::SignatureVerifier</name>
    <message>
        <location filename="../core/webhooks/SignatureVerifier.h" line="+27"/>
        <source>The event %1 was already received; a replay or a retry.</source>
        <translation>Das Ereignis %1 wurde bereits empfangen; eine Wiederholung oder ein erneuter Versuch.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>No secret is configured for this inbox; set one to verify signatures.</source>
        <translation>Für diesen Webhook-Eingang ist kein Secret konfiguriert; legen Sie eines fest, um Signaturen zu prüfen.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The request has no %1 header.</source>
        <translation>Die Anfrage hat keinen %1-Header.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>The signature is valid but its timestamp is %1 s away from now (tolerance %2 s).</source>
        <translation>Die Signatur ist gültig, aber ihr Zeitstempel weicht %1 s von jetzt ab (Toleranz %2 s).</translation>
    </message>
</context>
<context>
    <name>tanager::SlackVerifier</name>
    <message>
        <location filename="../core/webhooks/SlackVerifier.cpp" line="+31"/>
        <source>X-Slack-Signature is not v0=&lt;hex&gt; or the timestamp is not a number.</source>
        <translation>X-Slack-Signature hat nicht die Form v0=&lt;hex&gt;, oder der Zeitstempel ist keine Zahl.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>X-Slack-Signature does not match the body and the signing secret.</source>
        <translation>X-Slack-Signature passt nicht zum Body und zum Signing Secret.</translation>
    </message>
</context>
<context>
    <name>tanager::SlidingWindowLog</name>
    <message>
        <location filename="../core/resilience/SlidingWindowLog.cpp" line="+41"/>
        <source>sliding window %1 per %2 ms</source>
        <translation>gleitendes Fenster: %1 pro %2 ms</translation>
    </message>
</context>
<context>
    <name>tanager::SqlHelper</name>
    <message>
        <location filename="../core/storage/SqlHelper.cpp" line="+22"/>
        <source>Could not update the history database</source>
        <translation>Die Verlaufsdatenbank konnte nicht aktualisiert werden</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>%1: the database is locked by another program; close it and try again.</source>
        <translation>%1: die Datenbank ist von einem anderen Programm gesperrt; schließen Sie es und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1: %2. Check free disk space and that the file is writable.</source>
        <translation>%1: %2. Prüfen Sie den freien Speicherplatz und ob die Datei beschreibbar ist.</translation>
    </message>
</context>
<context>
    <name>tanager::StandardWebhooksVerifier</name>
    <message>
        <location filename="../core/webhooks/StandardWebhooksVerifier.cpp" line="+49"/>
        <source>No v1 signature in webhook-signature matches the body and the secret.</source>
        <translation>Keine v1-Signatur in webhook-signature passt zum Body und zum Secret.</translation>
    </message>
</context>
<context>
    <name>tanager::StorageWriter</name>
    <message>
        <location filename="../core/storage/StorageWriter.cpp" line="+201"/>
        <source>Could not save to the history database</source>
        <translation>Speichern in der Verlaufsdatenbank fehlgeschlagen</translation>
    </message>
</context>
<context>
    <name>tanager::StripeVerifier</name>
    <message>
        <location filename="../core/webhooks/StripeVerifier.cpp" line="+40"/>
        <source>Stripe-Signature has no t= timestamp or no v1= signature.</source>
        <translation>Stripe-Signature hat keinen t=-Zeitstempel oder keine v1=-Signatur.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>No v1 signature in Stripe-Signature matches the body and the endpoint secret.</source>
        <translation>Keine v1-Signatur in Stripe-Signature passt zum Body und zum Endpoint-Secret.</translation>
    </message>
</context>
<context>
    <name>tanager::TimelineView</name>
    <message>
        <location filename="../ui/TimelineView.cpp" line="+30"/>
        <source>Timings, redirects and TLS details appear here after a request.</source>
        <translation>Zeiten, Weiterleitungen und TLS-Details erscheinen hier nach einer Anfrage.</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Timings</source>
        <translation>Zeiten</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Request sent</source>
        <translation>Anfrage gesendet</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Waiting (first byte)</source>
        <translation>Warten (erstes Byte)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Content download</source>
        <translation>Download des Inhalts</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Total</source>
        <translation>Gesamt</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Started %1</source>
        <translation>Gestartet: %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Redirects</source>
        <translation>Weiterleitungen</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Authentication</source>
        <translation>Authentifizierung</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Challenge: %1</source>
        <translation>Challenge: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sent again with the answer: &lt;code&gt;%1 %2&lt;/code&gt; → %3</source>
        <translation>Erneut gesendet mit der Antwort: &lt;code&gt;%1 %2&lt;/code&gt; → %3</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>TLS</source>
        <translation>TLS</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Protocol</source>
        <translation>Protokoll</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cipher</source>
        <translation>Cipher-Suite</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Verified</source>
        <translation>Geprüft</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>yes</source>
        <translation>ja</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>no</source>
        <translation>nein</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Ignored: %1</source>
        <translation>Ignoriert: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Certificate chain (leaf first)</source>
        <translation>Zertifikatskette (Endzertifikat zuerst)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>expired</source>
        <translation>abgelaufen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Subject: %1</source>
        <translation>Inhaber: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Issuer: %1</source>
        <translation>Aussteller: %1</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Expires: %1</source>
        <translation>Gültig bis: %1</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Warnings</source>
        <translation>Warnungen</translation>
    </message>
</context>
<context>
    <name>tanager::TokenBucket</name>
    <message>
        <location filename="../core/resilience/TokenBucket.cpp" line="+48"/>
        <source>token bucket %1/s, burst %2</source>
        <translation>Token-Bucket %1/s, Burst %2</translation>
    </message>
</context>
<context>
    <name>tanager::TransportOptionsEditor</name>
    <message>
        <location filename="../ui/TransportOptionsEditor.cpp" line="+21"/>
        <location line="+1"/>
        <source>No limit</source>
        <translation>Kein Limit</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Follow redirects</source>
        <translation>Weiterleitungen folgen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Verify TLS certificates</source>
        <translation>TLS-Zertifikate prüfen</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Allow HTTP/2</source>
        <translation>HTTP/2 erlauben</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save the response body to a file</source>
        <translation>Antwort-Body in einer Datei speichern</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>at most </source>
        <translation>höchstens </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>⚠ TLS verification is off: anyone on the network can read and change this exchange. Use it only against a test server.</source>
        <translation>⚠ Die TLS-Prüfung ist ausgeschaltet: jeder im Netzwerk kann diese Kommunikation mitlesen und verändern. Verwenden Sie das nur mit einem Testserver.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Extra trusted CA certificates (PEM), added to the system ones</source>
        <translation>Zusätzlich vertrauenswürdige CA-Zertifikate (PEM), ergänzend zu denen des Systems</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>PEM certificate or PKCS#12 bundle</source>
        <translation>PEM-Zertifikat oder PKCS#12-Bundle</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>PEM key, when the certificate is PEM</source>
        <translation>PEM-Schlüssel, wenn das Zertifikat im PEM-Format ist</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Only if the key is encrypted</source>
        <translation>Nur, wenn der Schlüssel verschlüsselt ist</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>System proxy</source>
        <translation>System-Proxy</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No proxy</source>
        <translation>Kein Proxy</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Custom proxy</source>
        <translation>Eigener Proxy</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>http://user:pass@host:port or socks5://host:port</source>
        <translation>http://benutzer:passwort@host:port oder socks5://host:port</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>File the body is streamed to</source>
        <translation>Datei, in die der Body gestreamt wird</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Connect timeout:</source>
        <translation>Zeitlimit Verbindungsaufbau:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Transfer timeout:</source>
        <translation>Zeitlimit Übertragung:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Total timeout:</source>
        <translation>Zeitlimit gesamt:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Redirects:</source>
        <translation>Weiterleitungen:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>TLS:</source>
        <translation>TLS:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>CA bundle:</source>
        <translation>CA-Bundle:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Client certificate:</source>
        <translation>Client-Zertifikat:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Client key:</source>
        <translation>Client-Schlüssel:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Key passphrase:</source>
        <translation>Schlüssel-Passphrase:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Protocol:</source>
        <translation>Protokoll:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Proxy:</source>
        <translation>Proxy:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Download:</source>
        <translation>Download:</translation>
    </message>
    <message>
        <location line="+23"/>
        <source> s</source>
        <translation> s</translation>
    </message>
</context>
<context>
    <name>tanager::TwilioVerifier</name>
    <message>
        <location filename="../core/webhooks/TwilioVerifier.cpp" line="+71"/>
        <source>X-Twilio-Signature does not match the URL %1, the parameters and the auth token.</source>
        <translation>X-Twilio-Signature passt nicht zur URL %1, den Parametern und dem Auth-Token.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The body&apos;s SHA-256 does not match the bodySHA256 in the URL.</source>
        <translation>Der SHA-256 des Bodys passt nicht zum bodySHA256 in der URL.</translation>
    </message>
</context>
<context>
    <name>tanager::WebhookAnswerDialog</name>
    <message>
        <location filename="../ui/webhooks/WebhookAnswerDialog.cpp" line="+27"/>
        <source>Answer of %1</source>
        <translation>Antwort von %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Preview for the selected event: %1 %2</source>
        <translation>Vorschau für das ausgewählte Ereignis: %1 %2</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Preview for an example POST (select an event first to preview against it)</source>
        <translation>Vorschau für ein Beispiel-POST (zuerst ein Ereignis auswählen, um damit zu vergleichen)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source> ms</source>
        <translation> ms</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Header</source>
        <translation>Header</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>e.g. {&quot;received&quot;: &quot;{{request.json.id}}&quot;, &quot;at&quot;: &quot;{{now}}&quot;}</source>
        <translation>z. B. {&quot;received&quot;: &quot;{{request.json.id}}&quot;, &quot;at&quot;: &quot;{{now}}&quot;}</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>&amp;Status</source>
        <translation>&amp;Status</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Delay</source>
        <translation>&amp;Verzögerung</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Placeholders: {{request.json.a.b}} {{request.header.NAME}} {{request.query.NAME}} {{request.method}} {{request.path}} {{request.body}} {{now}}</source>
        <translation>Platzhalter: {{request.json.a.b}} {{request.header.NAME}} {{request.query.NAME}} {{request.method}} {{request.path}} {{request.body}} {{now}}</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Headers</source>
        <translation>Header</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Body</source>
        <translation>&amp;Body</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Apply the answer (Ctrl+Enter)</source>
        <translation>Antwort übernehmen (Strg+Eingabe)</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>(after %1 ms)</source>
        <translation>(nach %1 ms)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Header %1: %2</source>
        <translation>Header %1: %2</translation>
    </message>
</context>
<context>
    <name>tanager::WebhookAnswerTemplate</name>
    <message>
        <location filename="../core/webhooks/WebhookAnswerTemplate.cpp" line="+130"/>
        <source>&quot;{{&quot; at character %1 is never closed: end the placeholder with &quot;}}&quot;.</source>
        <translation>„{{“ bei Zeichen %1 wird nie geschlossen: den Platzhalter mit „}}“ beenden.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>{{%1}} is not a placeholder: use request.method, .path, .target, .remote, .body, .header.NAME, .query.NAME, .json.a.b or now.</source>
        <translation>{{%1}} ist kein Platzhalter: request.method, .path, .target, .remote, .body, .header.NAME, .query.NAME, .json.a.b oder now verwenden.</translation>
    </message>
</context>
<context>
    <name>tanager::WebhookCertificate</name>
    <message>
        <location filename="../core/webhooks/WebhookCertificate.cpp" line="+79"/>
        <source>The catcher&apos;s certificate or key is not valid PEM.</source>
        <translation>Das Zertifikat oder der Schlüssel des Empfängers ist kein gültiges PEM.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The catcher&apos;s private key does not belong to its certificate.</source>
        <translation>Der private Schlüssel des Empfängers gehört nicht zu seinem Zertifikat.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Could not compute the certificate&apos;s fingerprint.</source>
        <translation>Der Fingerabdruck des Zertifikats konnte nicht berechnet werden.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>OpenSSL could not make the catcher&apos;s certificate.</source>
        <translation>OpenSSL konnte das Zertifikat des Empfängers nicht erstellen.</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>Could not create the folder %1 for the catcher&apos;s certificate.</source>
        <translation>Der Ordner %1 für das Zertifikat des Empfängers konnte nicht erstellt werden.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Could not write %1: %2</source>
        <translation>%1 konnte nicht geschrieben werden: %2</translation>
    </message>
</context>
<context>
    <name>tanager::WebhookChaos</name>
    <message>
        <location filename="../core/webhooks/WebhookChaos.cpp" line="+33"/>
        <source>fails %1 (500/503)</source>
        <translation>%1 Fehler (500/503)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>429 for %1 (Retry-After %2 s)</source>
        <translation>429 für %1 (Retry-After %2 s)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>drops %1 of connections</source>
        <translation>verwirft %1 der Verbindungen</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>latency %1 ms</source>
        <translation>Latenz %1 ms</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>latency %1-%2 ms</source>
        <translation>Latenz %1-%2 ms</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>latency %1 ± %2 ms</source>
        <translation>Latenz %1 ± %2 ms</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>latency ~%1 ms (exponential)</source>
        <translation>Latenz ~%1 ms (exponentiell)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>no chaos</source>
        <translation>kein Chaos</translation>
    </message>
    <message>
        <location line="+79"/>
        <source>retry-after=&quot;%1&quot; is not a number of seconds.</source>
        <translation>retry-after=„%1“ ist keine Anzahl Sekunden.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&quot;%1&quot; is not a chaos setting: use fail=20%, 429=10%, retry-after=5, drop=5% or latency=uniform:50-200.</source>
        <translation>„%1“ ist keine Chaos-Einstellung: Verwenden Sie fail=20%, 429=10%, retry-after=5, drop=5% oder latency=uniform:50-200.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>fail, 429 and drop add up to more than 100%.</source>
        <translation>fail, 429 und drop ergeben zusammen mehr als 100 %.</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>&quot;%1&quot; is not a share: give a number from 0 to 1, or a percentage such as 20%.</source>
        <translation>„%1“ ist kein Anteil: Geben Sie eine Zahl von 0 bis 1 oder einen Prozentsatz wie 20% an.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&quot;%1&quot; is not a latency: use fixed:MS, uniform:MIN-MAX, normal:MEAN,DEVIATION or exponential:MEAN (milliseconds).</source>
        <translation>„%1“ ist keine Latenz: Verwenden Sie fixed:MS, uniform:MIN-MAX, normal:MEAN,DEVIATION oder exponential:MEAN (Millisekunden).</translation>
    </message>
</context>
<context>
    <name>tanager::WebhookCompareView</name>
    <message>
        <location filename="../ui/webhooks/WebhookCompareView.cpp" line="+34"/>
        <source>Compare webhook events #%1 and #%2</source>
        <translation>Webhook-Ereignisse #%1 und #%2 vergleichen</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>The headers and bodies are identical.</source>
        <translation>Die Header und Bodys sind identisch.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 lines only on the left (red), %2 only on the right (green).</source>
        <translation>%1 Zeilen nur links (rot), %2 nur rechts (grün).</translation>
    </message>
    <message>
        <location line="+13"/>
        <location line="+2"/>
        <source>#%1 · %2 %3</source>
        <translation>#%1 · %2 %3</translation>
    </message>
</context>
<context>
    <name>tanager::WebhookEventDetails</name>
    <message>
        <location filename="../ui/webhooks/WebhookEventDetails.cpp" line="+29"/>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Headers</source>
        <translation>Header</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Body</source>
        <translation>Body</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Raw</source>
        <translation>Roh</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hex</source>
        <translation>Hex</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Select an event to see its headers, body and raw bytes.</source>
        <translation>Wählen Sie ein Ereignis aus, um seine Header, seinen Body und seine Rohbytes zu sehen.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>#%1 · %2 %3 · HTTP/%4 · from %5:%6 · %7 · answered %8 · body %9</source>
        <translation>#%1 · %2 %3 · HTTP/%4 · von %5:%6 · %7 · beantwortet mit %8 · Body %9</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Verdict: %1</source>
        <translation>Prüfergebnis: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Verdict: %1. %2</source>
        <translation>Prüfergebnis: %1. %2</translation>
    </message>
</context>
<context>
    <name>tanager::WebhookEventModel</name>
    <message>
        <location filename="../core/storage/WebhookEventModel.cpp" line="+62"/>
        <source>Valid</source>
        <translation>Gültig</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Bad signature</source>
        <translation>Ungültige Signatur</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Expired</source>
        <translation>Abgelaufen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Duplicate</source>
        <translation>Duplikat</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Missing header</source>
        <translation>Header fehlt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No secret</source>
        <translation>Kein Secret</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Unchecked</source>
        <translation>Ungeprüft</translation>
    </message>
    <message>
        <location line="+81"/>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Inbox</source>
        <translation>Inbox</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Method</source>
        <translation>Methode</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Path</source>
        <translation>Pfad</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Answered</source>
        <translation>Antwort</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Verdict</source>
        <translation>Prüfergebnis</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Remote</source>
        <translation>Gegenstelle</translation>
    </message>
</context>
<context>
    <name>tanager::WebhookEventStore</name>
    <message>
        <location filename="../core/storage/WebhookEventStore.cpp" line="+139"/>
        <source>Could not store the webhook event</source>
        <translation>Das Webhook-Ereignis konnte nicht gespeichert werden</translation>
    </message>
    <message>
        <location line="+65"/>
        <location line="+66"/>
        <source>Could not list the webhook events</source>
        <translation>Die Webhook-Ereignisse konnten nicht aufgelistet werden</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Could not read the webhook event</source>
        <translation>Das Webhook-Ereignis konnte nicht gelesen werden</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>There is no webhook event %1; list the events to see the ids.</source>
        <translation>Es gibt kein Webhook-Ereignis %1; listen Sie die Ereignisse auf, um die IDs zu sehen.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Could not count the webhook events</source>
        <translation>Die Webhook-Ereignisse konnten nicht gezählt werden</translation>
    </message>
</context>
<context>
    <name>tanager::WebhookForwarder</name>
    <message>
        <location filename="../core/webhooks/WebhookForwarder.cpp" line="+95"/>
        <source>Dead letter %1 holds no forwarded webhook to send again.</source>
        <translation>Unzustellbare Nachricht %1 enthält keinen weitergeleiteten Webhook zum erneuten Senden.</translation>
    </message>
</context>
<context>
    <name>tanager::WebhookHmacDialog</name>
    <message>
        <location filename="../ui/webhooks/WebhookHmacDialog.cpp" line="+24"/>
        <source>HMAC signature of %1</source>
        <translation>HMAC-Signatur von %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>hex</source>
        <translation>hex</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>base64</source>
        <translation>base64</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>none, e.g. sha256=</source>
        <translation>keins, z. B. sha256=</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>What the MAC is taken over: {body}, {timestamp} and {id} are replaced by the body and the values of the headers below</source>
        <translation>Worüber der MAC gebildet wird: {body}, {timestamp} und {id} werden durch den Body und die Werte der Header unten ersetzt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>none, e.g. X-Timestamp</source>
        <translation>keiner, z. B. X-Timestamp</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Its Unix time is checked against the tolerance (5 minutes)</source>
        <translation>Seine Unix-Zeit wird gegen die Toleranz (5 Minuten) geprüft</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>none, e.g. X-Event-Id</source>
        <translation>keiner, z. B. X-Event-Id</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Its value is the event&apos;s key: a second event with the same key is a duplicate</source>
        <translation>Sein Wert ist der Schlüssel des Ereignisses: ein zweites Ereignis mit demselben Schlüssel ist ein Duplikat</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>&amp;Algorithm</source>
        <translation>&amp;Algorithmus</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Encoding</source>
        <translation>&amp;Kodierung</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Signature &amp;header</source>
        <translation>Signatur-&amp;Header</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Prefix</source>
        <translation>&amp;Präfix</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Signed content</source>
        <translation>&amp;Signierter Inhalt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Timestamp header</source>
        <translation>&amp;Zeitstempel-Header</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Id header</source>
        <translation>&amp;ID-Header</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>Name the header that carries the signature, e.g. X-Signature.</source>
        <translation>Den Header nennen, der die Signatur trägt, z. B. X-Signature.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Say what is signed, e.g. {body} or {timestamp}.{body}.</source>
        <translation>Angeben, was signiert wird, z. B. {body} oder {timestamp}.{body}.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The signed content uses {timestamp}: name the timestamp header, or sign without it.</source>
        <translation>Der signierte Inhalt verwendet {timestamp}: den Zeitstempel-Header nennen oder ohne ihn signieren.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The signed content uses {id}: name the id header, or sign without it.</source>
        <translation>Der signierte Inhalt verwendet {id}: den ID-Header nennen oder ohne ihn signieren.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&lt;base64&gt;</source>
        <translation>&lt;base64&gt;</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>&lt;hex&gt;</source>
        <translation>&lt;hex&gt;</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Checks the header  %1: %2%3
where %3 is the HMAC-%4 of %5</source>
        <translation>Prüft den Header  %1: %2%3
wobei %3 der HMAC-%4 von %5 ist</translation>
    </message>
</context>
<context>
    <name>tanager::WebhookInboxEditor</name>
    <message>
        <location filename="../ui/webhooks/WebhookInboxEditor.cpp" line="+66"/>
        <source>Add inbox</source>
        <translation>Inbox hinzufügen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove inbox</source>
        <translation>Inbox entfernen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Answer…</source>
        <translation>Antwort…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>HMAC…</source>
        <translation>HMAC…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Path</source>
        <translation>Pfad</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Verify</source>
        <translation>Prüfen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Secret</source>
        <translation>Secret</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>HMAC</source>
        <translation>HMAC</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delay</source>
        <translation>Verzögerung</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Chaos</source>
        <translation>Chaos</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Answer</source>
        <translation>Antwort</translation>
    </message>
    <message>
        <location line="+185"/>
        <source>Timestamp from %1, checked against the tolerance</source>
        <translation>Zeitstempel aus %1, gegen die Toleranz geprüft</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Event key from %1</source>
        <translation>Ereignisschlüssel aus %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Double-click to edit (Ctrl+Shift+H)</source>
        <translation>Doppelklick zum Bearbeiten (Strg+Umschalt+H)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Used when the inbox verifies hmac</source>
        <translation>Wird verwendet, wenn der Eingang hmac prüft</translation>
    </message>
    <message numerus="yes">
        <location line="-33"/>
        <source>%n header(s)</source>
        <translation>
            <numerusform>%n Header</numerusform>
            <numerusform>%n Header</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>empty body</source>
        <translation>leerer Body</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%1 B</source>
        <translation>%1 B</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>templated</source>
        <translation>mit Vorlage</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Double-click to edit (Ctrl+Shift+A)</source>
        <translation>Doppelklick zum Bearbeiten (Strg+Umschalt+A)</translation>
    </message>
    <message>
        <location line="-94"/>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <location line="-57"/>
        <source>Requests go to the inbox with the longest matching path; &quot;/&quot; takes the rest.
Double-click the Answer cell (or press Ctrl+Shift+A) to edit the answer&apos;s headers and body.
Double-click the HMAC cell of an hmac inbox (or press Ctrl+Shift+H) to set how it checks.</source>
        <translation>Anfragen gehen an den Eingang mit dem längsten passenden Pfad; „/“ nimmt den Rest.
Doppelklick auf die Zelle „Antwort“ (oder Strg+Umschalt+A) bearbeitet Header und Body der Antwort.
Doppelklick auf die HMAC-Zelle eines hmac-Eingangs (oder Strg+Umschalt+H) legt fest, wie er prüft.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Algorithm, encoding, header, prefix and signed content of the selected hmac inbox</source>
        <translation>Algorithmus, Kodierung, Header, Präfix und signierter Inhalt des ausgewählten hmac-Eingangs</translation>
    </message>
    <message>
        <location line="+69"/>
        <source>signing secret</source>
        <translation>Signatur-Secret</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The status stored requests are answered with</source>
        <translation>Der Status, mit dem gespeicherte Anfragen beantwortet werden</translation>
    </message>
    <message>
        <location line="+6"/>
        <source> ms</source>
        <translation> ms</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Answer this many milliseconds late</source>
        <translation>So viele Millisekunden verspätet antworten</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>no chaos</source>
        <translation>kein Chaos</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>e.g. fail=20% 429=10% retry-after=5 drop=5% latency=uniform:50-200</source>
        <translation>z. B. fail=20% 429=10% retry-after=5 drop=5% latency=uniform:50-200</translation>
    </message>
</context>
<context>
    <name>tanager::WebhookLimitsDialog</name>
    <message>
        <location filename="../ui/webhooks/WebhookLimitsDialog.cpp" line="+20"/>
        <source>Catcher limits</source>
        <translation>Grenzen des Empfängers</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+4"/>
        <source> KB</source>
        <translation> KB</translation>
    </message>
    <message>
        <location line="-2"/>
        <source>Larger bodies are answered 413 (default 10240 KB = 10 MB)</source>
        <translation>Größere Bodies werden mit 413 beantwortet (Standard 10240 KB = 10 MB)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Request line and headers; more is answered 431 (default 64 KB)</source>
        <translation>Anfragezeile und Header; mehr wird mit 431 beantwortet (Standard 64 KB)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The whole header must arrive within this time, else 408 (default 10 s)</source>
        <translation>Der ganze Header muss in dieser Zeit ankommen, sonst 408 (Standard 10 s)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Longest silence while a body arrives, else 408 (default 10 s)</source>
        <translation>Längste Pause, während ein Body ankommt, sonst 408 (Standard 10 s)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Connections beyond this are answered 503 (default 1024)</source>
        <translation>Verbindungen darüber hinaus werden mit 503 beantwortet (Standard 1024)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Applied at once, also while the catcher listens.</source>
        <translation>Gilt sofort, auch während der Empfänger lauscht.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Largest &amp;body</source>
        <translation>Größter &amp;Body</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Largest &amp;headers</source>
        <translation>Größte &amp;Header</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Header &amp;timeout</source>
        <translation>Header-&amp;Zeitlimit</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Body &amp;idle timeout</source>
        <translation>&amp;Leerlauf-Zeitlimit des Body</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open &amp;connections</source>
        <translation>Offene &amp;Verbindungen</translation>
    </message>
</context>
<context>
    <name>tanager::WebhookListener</name>
    <message>
        <location filename="../core/webhooks/WebhookListener.cpp" line="+549"/>
        <location line="+80"/>
        <source>The catcher is already listening; stop it first.</source>
        <translation>Der Webhook-Empfänger lauscht bereits; stoppen Sie ihn zuerst.</translation>
    </message>
    <message>
        <location line="-68"/>
        <source>%1 is not an IP address</source>
        <translation>%1 ist keine IP-Adresse</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>could not listen on %1 port %2: %3</source>
        <translation>konnte nicht auf %1 Port %2 lauschen: %3</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Could not find a port free on every address; choose one with --port.</source>
        <translation>Es wurde kein Port gefunden, der auf allen Adressen frei ist; wählen Sie einen mit --port.</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>The HTTPS certificate or key cannot be used: %1</source>
        <translation>Das HTTPS-Zertifikat oder der Schlüssel kann nicht verwendet werden: %1</translation>
    </message>
</context>
<context>
    <name>tanager::WebhookSettings</name>
    <message>
        <location filename="../core/webhooks/WebhookSettings.cpp" line="+89"/>
        <source>&quot;inboxes&quot; is not a list</source>
        <translation>„inboxes“ ist keine Liste</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&quot;limits&quot; is not an object</source>
        <translation>„limits“ ist kein Objekt</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>%1 %2 in %3</source>
        <translation>%1 %2 in %3</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>after %1</source>
        <translation>nach %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>over %1</source>
        <translation>über %1</translation>
    </message>
    <message>
        <location line="+45"/>
        <location line="+8"/>
        <source>The webhook settings</source>
        <translation>Die Webhook-Einstellungen</translation>
    </message>
    <message>
        <location line="-8"/>
        <source>the defaults are used</source>
        <translation>die Standardwerte werden verwendet</translation>
    </message>
</context>
<context>
    <name>tanager::WebhookSigner</name>
    <message>
        <location filename="../core/webhooks/WebhookSigner.cpp" line="+123"/>
        <source>The %1 signing secret is empty.</source>
        <translation>Das %1-Signaturgeheimnis ist leer.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>A %1 secret written whsec_... is whsec_ followed by base64, as the provider shows it; paste it whole.</source>
        <translation>Ein als whsec_... geschriebenes %1-Geheimnis ist whsec_ gefolgt von base64, wie der Anbieter es zeigt; es ganz einfügen.</translation>
    </message>
</context>
<context>
    <name>tanager::WebhooksWindow</name>
    <message>
        <location filename="../ui/webhooks/WebhooksWindow.cpp" line="+56"/>
        <source>Body too large</source>
        <translation>Body zu groß</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Headers too large</source>
        <translation>Header zu groß</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Headers too slow</source>
        <translation>Header zu langsam</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Body stalled</source>
        <translation>Body stockt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Bad chunked encoding</source>
        <translation>Fehlerhaftes Chunked-Encoding</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Malformed request</source>
        <translation>Fehlerhafte Anfrage</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Closed before complete</source>
        <translation>Vor Abschluss geschlossen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Too many connections</source>
        <translation>Zu viele Verbindungen</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>HTTP&amp;S</source>
        <translation>HTTP&amp;S</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Webhooks</source>
        <translation>Webhooks</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>This machine only (127.0.0.1, ::1)</source>
        <translation>Nur dieser Rechner (127.0.0.1, ::1)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>All interfaces (0.0.0.0)</source>
        <translation>Alle Schnittstellen (0.0.0.0)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>any free</source>
        <translation>beliebiger freier</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>not listening</source>
        <translation>lauscht nicht</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Anyone who can reach this machine can send events to the catcher while it listens on all interfaces. Choose &quot;This machine only&quot; unless another device must reach it.</source>
        <translation>Jeder, der diesen Rechner erreichen kann, kann Ereignisse an den Empfänger senden, solange er auf allen Schnittstellen lauscht. Wählen Sie „Nur dieser Rechner“, außer ein anderes Gerät muss ihn erreichen.</translation>
    </message>
    <message>
        <location line="+14"/>
        <location line="+487"/>
        <location line="+2"/>
        <source>Start catching</source>
        <translation>Empfang starten</translation>
    </message>
    <message>
        <location line="-486"/>
        <source>Copy URL</source>
        <translation>URL kopieren</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The catcher is not listening; start it first (Ctrl+Enter).</source>
        <translation>Der Empfänger lauscht nicht; starten Sie ihn zuerst (Ctrl+Enter).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Copied %1.</source>
        <translation>%1 kopiert.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Limits…</source>
        <translation>Grenzen…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Listen on</source>
        <translation>Lauschen auf</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Port</source>
        <translation>Port</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>URL</source>
        <translation>URL</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Inboxes</source>
        <translation>Inboxen</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Serve HTTPS with this machine&apos;s self-signed certificate (from the next start)</source>
        <translation>HTTPS mit dem selbst signierten Zertifikat dieses Rechners anbieten (ab dem nächsten Start)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Refused requests</source>
        <translation>Abgelehnte Anfragen</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>All inboxes</source>
        <translation>Alle Inboxen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>All methods</source>
        <translation>Alle Methoden</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>All verdicts</source>
        <translation>Alle Prüfergebnisse</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Search path, headers and body (Ctrl+F)</source>
        <translation>Pfad, Header und Body durchsuchen (Ctrl+F)</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Searching…</source>
        <translation>Suche läuft…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Search events</source>
        <translation>Ereignisse durchsuchen</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>Copy as cURL</source>
        <translation>Als cURL kopieren</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Replay</source>
        <translation>Erneut senden</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Compare</source>
        <translation>Vergleichen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Close window</source>
        <translation>Fenster schließen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>https://your-service.test/webhooks</source>
        <translation>https://your-service.test/webhooks</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Sign every replay attempt again with this scheme, the target&apos;s secret and the time of the attempt (hmac: with the HMAC options of the selected hmac inbox)</source>
        <translation>Jeden Wiederholungsversuch erneut mit diesem Schema, dem Geheimnis des Ziels und der Zeit des Versuchs signieren (hmac: mit den HMAC-Optionen des ausgewählten hmac-Eingangs)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>target&apos;s secret</source>
        <translation>Geheimnis des Ziels</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The secret the replay target verifies with; kept in the keychain</source>
        <translation>Das Geheimnis, mit dem das Ziel der Wiederholung prüft; im Schlüsselbund gespeichert</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Re-si&amp;gn as</source>
        <translation>Neu si&amp;gnieren als</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Replay to</source>
        <translation>Erneut senden an</translation>
    </message>
    <message>
        <location line="+62"/>
        <source>A request could not be stored and was answered 500: %1</source>
        <translation>Eine Anfrage konnte nicht gespeichert werden und wurde mit 500 beantwortet: %1</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Signing secrets are kept in the system keychain, the rest in %1.</source>
        <translation>Signaturgeheimnisse liegen im Schlüsselbund des Systems, der Rest in %1.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No keychain: signing secrets are kept in memory until Tanager quits.</source>
        <translation>Kein Schlüsselbund: Signaturgeheimnisse bleiben im Speicher, bis Tanager beendet wird.</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>The replay target&apos;s secret could not be read from the keychain: %1</source>
        <translation>Das Geheimnis des Wiederholungsziels konnte nicht aus dem Schlüsselbund gelesen werden: %1</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>The secret of %1 could not be read from the keychain: %2</source>
        <translation>Das Geheimnis von %1 konnte nicht aus dem Schlüsselbund gelesen werden: %2</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>A signing secret could not be saved to the keychain: %1</source>
        <translation>Ein Signaturgeheimnis konnte nicht im Schlüsselbund gespeichert werden: %1</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>The inbox %1 is gone; the answer was not applied.</source>
        <translation>Der Eingang %1 existiert nicht mehr; die Antwort wurde nicht übernommen.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>The inbox %1 does not verify hmac; choose hmac in its Verify cell first.</source>
        <translation>Der Eingang %1 prüft nicht mit hmac; zuerst hmac in seiner Prüfen-Zelle wählen.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>%1 now checks %2.</source>
        <translation>%1 prüft jetzt %2.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The inbox %1 is gone; the HMAC options were not applied.</source>
        <translation>Der Eingang %1 existiert nicht mehr; die HMAC-Optionen wurden nicht übernommen.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Limits applied.</source>
        <translation>Grenzen übernommen.</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>%1; turn HTTPS off or fix the folder, then start again.</source>
        <translation>%1; HTTPS ausschalten oder den Ordner reparieren, dann erneut starten.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>%1; choose another port (or &quot;any free&quot;) and start again.</source>
        <translation>%1; wählen Sie einen anderen Port (oder „beliebiger freier“) und starten Sie erneut.</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Stop catching</source>
        <translation>Empfang beenden</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Listening on port %1 · %2 events stored since start · send requests to the URL above.</source>
        <translation>Lauscht auf Port %1 · %2 Ereignisse seit dem Start gespeichert · senden Sie Anfragen an die URL oben.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Stopped. Choose a port and press Start catching (Ctrl+Enter).</source>
        <translation>Gestoppt. Wählen Sie einen Port und klicken Sie auf „Empfang starten“ (Ctrl+Enter).</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>%1 (%2): %3</source>
        <translation>%1 (%2): %3</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>None since start.</source>
        <translation>Keine seit dem Start.</translation>
    </message>
    <message>
        <location line="+65"/>
        <source>Select an event to copy it as cURL.</source>
        <translation>Wählen Sie ein Ereignis aus, um es als cURL zu kopieren.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Copied event #%1 as a curl command.</source>
        <translation>Ereignis #%1 als curl-Befehl kopiert.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Type the URL to replay to, e.g. https://your-service.test/webhooks, then replay again.</source>
        <translation>Geben Sie die URL ein, an die erneut gesendet werden soll, z. B. https://your-service.test/webhooks, und senden Sie dann erneut.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Select the events to replay.</source>
        <translation>Wählen Sie die Ereignisse aus, die erneut gesendet werden sollen.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Tanager cannot sign as %1; choose another scheme beside Re-sign as.</source>
        <translation>Tanager kann nicht als %1 signieren; ein anderes Schema neben „Neu signieren als“ wählen.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Replayed event #%1 to %2: HTTP %3 (attempt %4).</source>
        <translation>Ereignis #%1 erneut an %2 gesendet: HTTP %3 (Versuch %4).</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Replaying event #%1 failed after %2 attempt(s): %3. It is kept as a dead letter (Ctrl+Alt+D).</source>
        <translation>Erneutes Senden von Ereignis #%1 ist nach %2 Versuch(en) fehlgeschlagen: %3. Es wird als unzustellbare Anfrage aufbewahrt (Ctrl+Alt+D).</translation>
    </message>
    <message numerus="yes">
        <location line="+22"/>
        <source>Replaying %n event(s) to %1, signed again as %2…</source>
        <translation>
            <numerusform>Wiederhole %n Ereignis an %1, neu signiert als %2…</numerusform>
            <numerusform>Wiederhole %n Ereignisse an %1, neu signiert als %2…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>Replaying %n event(s) to %1…</source>
        <translation>
            <numerusform>%n Ereignis wird erneut an %1 gesendet…</numerusform>
            <numerusform>%n Ereignisse werden erneut an %1 gesendet…</numerusform>
        </translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Type the target&apos;s signing secret beside Re-sign as (or choose none), then replay again.</source>
        <translation>Das Signaturgeheimnis des Ziels neben „Neu signieren als“ eingeben (oder keins wählen), dann erneut wiederholen.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Then replay again.</source>
        <translation>Dann erneut wiederholen.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Select exactly two events to compare them (Ctrl+click the second).</source>
        <translation>Wählen Sie genau zwei Ereignisse aus, um sie zu vergleichen (Ctrl+Klick auf das zweite).</translation>
    </message>
</context>
</TS>
