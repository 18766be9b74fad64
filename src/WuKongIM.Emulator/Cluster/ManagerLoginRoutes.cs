using System;
using System.Linq;
using WuKongIM.Emulator.Core;
using WuKongIM.Emulator.State;

namespace WuKongIM.Emulator.Cluster
{
    /// <summary>POST /manager/login (wukongim-api.md §3.12) and the permission check of the four guarded /cluster POSTs (§11.1).</summary>
    public sealed class ManagerLoginRoutes : IRouteModule
    {
        private static readonly GoStruct LoginReq = new("api", "",
            new GoField("username", GoType.String),
            new GoField("password", GoType.String));

        public void Map(Router router) => router.Post("/manager/login", Login);

        private static ApiResult Login(ApiRequest r)
        {
            // Gin binder (decoder B): errors lose the JSON content type.
            if (!r.TryDecode(LoginReq, DecodeFailure.RawText, out GoObject req, out ApiResult? decodeError, ginBound: true)) return decodeError;
            string username = req.Str("username");
            string password = req.Str("password");
            if (password.Trim().Length == 0) return ApiResult.Err("密码不能为空", ginBound: true);
            if (username.Trim().Length == 0) return ApiResult.Err("用户名不能为空", ginBound: true);
            ClusterOptions options = r.State.Cluster;
            ManagerUser? user = options.Accounts.FirstOrDefault(u => u.Name == username && u.Password == password);
            if (user == null) return ApiResult.Err("用户名或密码错误", ginBound: true);
            DateTimeOffset expires = DateTimeOffset.UtcNow + options.JwtExpire;
            return ApiResult.Bare(new
            {
                username = user.Name,
                token = ManagerJwt.Issue(options.JwtSecret, user.Name, expires),
                exp = expires.ToUnixTimeSeconds(),
                permissions = user.Permissions,
            });
        }

        /// <summary>
        /// auth.HasPermissionWithContext: the user of a valid JWT must hold <paramref name="action"/> on the resource.
        /// Refusal is HTTP 400 with status 403 in the body. Without a JWT there is no user, so it always refuses.
        /// </summary>
        public static ApiResult? Refuse(ApiRequest r, string resource, char action = 'w')
        {
            EmulatorState s = r.State;
            string authorization = r.Authorization.Length > 0 ? r.Authorization : r.QueryString("Authorization");
            string? username = ManagerJwt.Username(s.Cluster.JwtSecret, authorization, DateTimeOffset.UtcNow);
            ManagerUser? user = username == null ? null : s.Cluster.Accounts.FirstOrDefault(u => u.Name == username);
            if (user != null && user.Has(resource, action))
            {
                return null;
            }
            return ApiResult.Bare(new { msg = "没有权限", status = 403 }, 400);
        }
    }
}
