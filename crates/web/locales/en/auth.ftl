### Sign-in and sign-out

nav-logout = Log out

login-title = Log in
login-intro = Log in with your e-mail address and password.
login-email = E-mail address
login-password = Password
login-submit = Log in
login-failed = Wrong e-mail address or password.
login-throttled = Too many failed logins. Please try again in { $minutes ->
    [one] one minute
   *[other] { $minutes } minutes
}.
logged-out = You have been logged out.
