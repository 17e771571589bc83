//! Routing of `/api/v0/*`: method + path → [`Route`], and what each route
//! requires of the credential.

use axum::http::Method;

use super::model::Role;
use crate::common::urlencoded::decode;

/// What a method and path ask for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Route {
    /// `POST /auth/signup`.
    Signup,
    /// `POST /auth/login`.
    Login,
    /// `POST /auth/mfa/enroll`.
    MfaEnroll,
    /// `POST /auth/mfa/activate`.
    MfaActivate,
    /// `POST /auth/mfa/verify`.
    MfaVerify,
    /// `POST /auth/refresh`.
    Refresh,
    /// `POST /auth/logout`.
    Logout,
    /// `GET /auth/me`.
    AuthMe,
    /// `POST /auth/api-keys`.
    MintKey,
    /// `GET /auth/api-keys`.
    ListKeys,
    /// `DELETE /auth/api-keys/{id}`.
    RevokeKey(String),
    /// `GET /user`.
    User,
    /// `GET /user/orders`.
    UserOrders,
    /// `GET /orgs`.
    Orgs,
    /// `GET /org`.
    GetOrg,
    /// `PATCH /org`.
    UpdateOrg,
    /// `GET /org/members`.
    ListMembers,
    /// `POST /org/members`.
    InviteMember,
    /// `PATCH /org/members/{user_id}`.
    UpdateMember(String),
    /// `DELETE /org/members/{user_id}`.
    RemoveMember(String),
    /// `GET /org/kyb/profile`.
    GetKybProfile,
    /// `PUT /org/kyb/profile`.
    SetKybProfile,
    /// `POST /org/kyb/submit`.
    SubmitKyb,
    /// `GET /org/kyb/providers`.
    KybProviders,
    /// `POST /org/kyb/providers/{provider}/link`.
    KybLink(String),
    /// `POST /org/kyb/providers/{provider}/resync`.
    KybResync(String),
    /// `POST /customers`.
    CreateCustomer,
    /// `GET /customers/orders`.
    CustomerOrders,
    /// `GET /customers/{id}`.
    GetCustomer(String),
    /// `POST /customers/{id}/kyc-link`.
    KycLinks(String),
    /// `POST /customers/{id}/accounts`.
    CreateAccount(String),
    /// `GET /customers/{id}/accounts`.
    CustomerAccounts(String),
    /// `GET /accounts`.
    ListAccounts,
    /// `GET /accounts/{id}`.
    GetAccount(String),
    /// `POST /quotes`.
    CreateQuote,
    /// `GET /quotes/{id}`.
    GetQuote(String),
    /// `POST /quotes/{id}/accept`.
    AcceptQuote(String),
    /// `GET /rails`.
    Rails,
    /// `GET /currencies`.
    Currencies,
    /// `GET /health`.
    Health,
    /// A known path with another method.
    MethodNotAllowed,
    /// Anything else.
    NotFound,
}

/// What a route requires of the caller.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Access {
    /// No credential needed (any sent is ignored, except both at once).
    Public,
    /// A valid credential; no org needed.
    User,
    /// A credential scoped to an org where the user has at least this role.
    Org(Role),
}

impl Route {
    /// Routes `method` on `path` (which includes the `/api/v0` prefix).
    pub(crate) fn of(method: &Method, path: &str) -> Self {
        let Some(rest) = path.strip_prefix("/api/v0/") else {
            return Self::NotFound;
        };
        let segments: Vec<String> = rest.split('/').map(|s| decode(s, false)).collect();
        if segments.iter().any(String::is_empty) {
            return Self::NotFound;
        }
        let parts: Vec<&str> = segments.iter().map(String::as_str).collect();
        let id = |index: usize| segments.get(index).cloned().unwrap_or_default();
        let (get, post, patch, put, delete) = (
            method == Method::GET,
            method == Method::POST,
            method == Method::PATCH,
            method == Method::PUT,
            method == Method::DELETE,
        );
        let pick = |routes: &[(bool, Route)]| {
            routes
                .iter()
                .find(|(matches, _)| *matches)
                .map_or(Self::MethodNotAllowed, |(_, route)| route.clone())
        };
        match parts.as_slice() {
            ["auth", "signup"] => pick(&[(post, Self::Signup)]),
            ["auth", "login"] => pick(&[(post, Self::Login)]),
            ["auth", "mfa", "enroll"] => pick(&[(post, Self::MfaEnroll)]),
            ["auth", "mfa", "activate"] => pick(&[(post, Self::MfaActivate)]),
            ["auth", "mfa", "verify"] => pick(&[(post, Self::MfaVerify)]),
            ["auth", "refresh"] => pick(&[(post, Self::Refresh)]),
            ["auth", "logout"] => pick(&[(post, Self::Logout)]),
            ["auth", "me"] => pick(&[(get, Self::AuthMe)]),
            ["auth", "api-keys"] => pick(&[(post, Self::MintKey), (get, Self::ListKeys)]),
            ["auth", "api-keys", _] => pick(&[(delete, Self::RevokeKey(id(2)))]),
            ["user"] => pick(&[(get, Self::User)]),
            ["user", "orders"] => pick(&[(get, Self::UserOrders)]),
            ["orgs"] => pick(&[(get, Self::Orgs)]),
            ["org"] => pick(&[(get, Self::GetOrg), (patch, Self::UpdateOrg)]),
            ["org", "members"] => pick(&[(get, Self::ListMembers), (post, Self::InviteMember)]),
            ["org", "members", _] => pick(&[
                (patch, Self::UpdateMember(id(2))),
                (delete, Self::RemoveMember(id(2))),
            ]),
            ["org", "kyb", "profile"] => {
                pick(&[(get, Self::GetKybProfile), (put, Self::SetKybProfile)])
            }
            ["org", "kyb", "submit"] => pick(&[(post, Self::SubmitKyb)]),
            ["org", "kyb", "providers"] => pick(&[(get, Self::KybProviders)]),
            ["org", "kyb", "providers", _, "link"] => pick(&[(post, Self::KybLink(id(3)))]),
            ["org", "kyb", "providers", _, "resync"] => pick(&[(post, Self::KybResync(id(3)))]),
            ["customers"] => pick(&[(post, Self::CreateCustomer)]),
            ["customers", "orders"] => pick(&[(get, Self::CustomerOrders)]),
            ["customers", _] => pick(&[(get, Self::GetCustomer(id(1)))]),
            ["customers", _, "kyc-link"] => pick(&[(post, Self::KycLinks(id(1)))]),
            ["customers", _, "accounts"] => pick(&[
                (post, Self::CreateAccount(id(1))),
                (get, Self::CustomerAccounts(id(1))),
            ]),
            ["accounts"] => pick(&[(get, Self::ListAccounts)]),
            ["accounts", _] => pick(&[(get, Self::GetAccount(id(1)))]),
            ["quotes"] => pick(&[(post, Self::CreateQuote)]),
            ["quotes", _] => pick(&[(get, Self::GetQuote(id(1)))]),
            ["quotes", _, "accept"] => pick(&[(post, Self::AcceptQuote(id(1)))]),
            ["rails"] => pick(&[(get, Self::Rails)]),
            ["currencies"] => pick(&[(get, Self::Currencies)]),
            ["health"] => pick(&[(get, Self::Health)]),
            _ => Self::NotFound,
        }
    }

    /// What the route requires.
    pub(crate) fn access(&self) -> Access {
        use Role::{Admin, Member, Viewer};
        match self {
            Self::Signup
            | Self::Login
            | Self::MfaVerify
            | Self::Refresh
            | Self::Logout
            | Self::Rails
            | Self::Currencies
            | Self::Health
            | Self::MethodNotAllowed
            | Self::NotFound => Access::Public,
            Self::AuthMe
            | Self::MfaEnroll
            | Self::MfaActivate
            | Self::User
            | Self::UserOrders
            | Self::Orgs => Access::User,
            Self::GetOrg
            | Self::ListMembers
            | Self::GetKybProfile
            | Self::KybProviders
            | Self::CustomerOrders
            | Self::GetCustomer(_)
            | Self::CustomerAccounts(_)
            | Self::ListAccounts
            | Self::GetAccount(_)
            | Self::GetQuote(_) => Access::Org(Viewer),
            Self::MintKey
            | Self::ListKeys
            | Self::RevokeKey(_)
            | Self::CreateCustomer
            | Self::KycLinks(_)
            | Self::CreateAccount(_)
            | Self::CreateQuote
            | Self::AcceptQuote(_) => Access::Org(Member),
            Self::UpdateOrg
            | Self::InviteMember
            | Self::UpdateMember(_)
            | Self::RemoveMember(_)
            | Self::SetKybProfile
            | Self::SubmitKyb
            | Self::KybLink(_)
            | Self::KybResync(_) => Access::Org(Admin),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn routes() {
        let (get, post) = (Method::GET, Method::POST);
        assert_eq!(Route::of(&post, "/api/v0/auth/login"), Route::Login);
        assert_eq!(
            Route::of(&get, "/api/v0/auth/login"),
            Route::MethodNotAllowed
        );
        assert_eq!(
            Route::of(&get, "/api/v0/customers/orders"),
            Route::CustomerOrders
        );
        assert_eq!(
            Route::of(&get, "/api/v0/customers/c1"),
            Route::GetCustomer("c1".into())
        );
        assert_eq!(
            Route::of(&post, "/api/v0/org/kyb/providers/prv_a/link"),
            Route::KybLink("prv_a".into())
        );
        assert_eq!(
            Route::of(&Method::DELETE, "/api/v0/auth/api-keys/k%201"),
            Route::RevokeKey("k 1".into())
        );
        assert_eq!(Route::of(&get, "/api/v0/quotes/"), Route::NotFound);
        assert_eq!(Route::of(&get, "/api/v1/quotes"), Route::NotFound);
        assert_eq!(Route::of(&get, "/api/v0/nope"), Route::NotFound);
        assert_eq!(Route::Rails.access(), Access::Public);
        assert_eq!(Route::CreateQuote.access(), Access::Org(Role::Member));
        assert_eq!(Route::SubmitKyb.access(), Access::Org(Role::Admin));
    }
}
